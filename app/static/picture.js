/* Carnet network pictures: fetch the JSON named by data-picture-url (same origin only) and draw
   it with vis-network, served from our own /assets. Every label and title is treated as plain
   text: titles become text nodes (never HTML), labels are drawn on the canvas. Below each
   picture a text list gives the same content to people who cannot use the canvas. */
(function () {
  "use strict";
  var lists = 0;  // text lists drawn so far on this page (their ids)

  function sameOrigin(src) {
    try {
      return new URL(src, window.location.href).origin === window.location.origin;
    } catch (e) {
      return false;
    }
  }

  function textBox(value, className) {
    var box = document.createElement("div");
    box.className = className;
    String(value).split("\n").forEach(function (line) {
      var row = document.createElement("div");
      row.textContent = line;
      box.appendChild(row);
    });
    return box;
  }

  function plain(item) {
    var out = {};
    Object.keys(item).forEach(function (key) { out[key] = item[key]; });
    if (out.label !== undefined && out.label !== null) { out.label = String(out.label); }
    if (out.title !== undefined && out.title !== null) { out.title = textBox(out.title, "picture-tip"); }
    return out;
  }

  function pageUrl(url) {
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" && url.charAt(1) !== "\\";
  }

  function say(frame, message) {
    var note = frame.querySelector(".picture-fallback");
    if (!note) {
      note = document.createElement("p");
      note.className = "picture-fallback";
      frame.appendChild(note);
    }
    note.textContent = message;
  }

  function listing(data) {
    var names = {};
    data.nodes.forEach(function (n) { names[n.id] = String(n.label).split("\n")[0]; });
    var details = document.createElement("details");
    details.className = "picture-list";
    var summary = document.createElement("summary");
    summary.textContent = "The picture as a list (" + data.nodes.length + " entries, " + data.edges.length + " links)";
    details.appendChild(summary);
    var list = document.createElement("ul");
    data.edges.forEach(function (e) {
      var li = document.createElement("li");
      var words = {knows: " knows ", reports_to: " reports to ", works_at: " works at ", part_of: " is part of "};
      var text = names[e.from] + (words[e.kind] || " — ") + names[e.to];
      if (data.kind === "organisation_chart" && e.kind !== "part_of") {
        text = e.kind === "reports_to" ? names[e.to] + " reports to " + names[e.from] : names[e.to] + " works at " + names[e.from];
      } else if (data.kind === "organisation_chart") {
        text = names[e.to] + " is part of " + names[e.from];
      }
      if (e.kind === "knows") {
        text += e.locked ? " (known to " + e.owner_name + ", locked)" : " (strength " + e.strength + "/5)";
      }
      li.textContent = text;
      list.appendChild(li);
    });
    details.appendChild(list);
    if (data.truncated) {
      var more = document.createElement("p");
      more.textContent = "Only the first entries are shown.";
      details.appendChild(more);
    }
    return details;
  }

  function draw(frame, data) {
    var options = data.options || {};
    // Labels stay plain canvas text: never let an option switch on HTML/markdown labels.
    options.nodes = options.nodes || {};
    options.nodes.font = Object.assign({}, options.nodes.font, {multi: false});
    options.edges = options.edges || {};
    options.edges.font = Object.assign({}, options.edges.font, {multi: false});
    while (frame.firstChild) { frame.removeChild(frame.firstChild); }
    var network = new window.vis.Network(frame, {
      nodes: new window.vis.DataSet(data.nodes.map(plain)),
      edges: new window.vis.DataSet(data.edges.map(plain))
    }, options);
    // Once settled, stop the simulation so a big picture does not keep the CPU busy.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      frame.setAttribute("data-picture-state", "settled");
    });
    network.on("doubleClick", function (event) {
      if (event.nodes.length !== 1) { return; }
      var node = data.nodes.filter(function (n) { return n.id === event.nodes[0]; })[0];
      if (node && pageUrl(node.url)) { window.location.assign(node.url); }
    });
    frame.setAttribute("data-picture-state", "drawn");
    // The list describes the picture to assistive technology (the frame is role="img").
    var list = listing(data);
    lists += 1;
    list.id = "picture-list-" + lists;
    frame.parentNode.insertBefore(list, frame.nextSibling);
    frame.setAttribute("aria-describedby", list.id);
  }

  function load(frame) {
    if (frame.getAttribute("data-picture-state")) { return; }
    frame.setAttribute("data-picture-state", "loading");
    var src = frame.getAttribute("data-picture-url");
    if (!src || !sameOrigin(src)) {
      say(frame, "This picture cannot be shown.");
      return;
    }
    if (!window.vis || !window.vis.Network) {
      say(frame, "The picture could not be drawn (its script did not load).");
      return;
    }
    frame.setAttribute("aria-busy", "true");
    fetch(src, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") !== 0) {
          throw new Error(response.status === 404 ? "Nothing to show here." : "The picture could not be loaded.");
        }
        return response.json();
      })
      .then(function (data) { draw(frame, data); })
      .catch(function (error) {
        frame.setAttribute("data-picture-state", "failed");
        say(frame, error && error.message ? error.message : "The picture could not be loaded.");
      })
      .then(function () { frame.removeAttribute("aria-busy"); });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".picture[data-picture-url]"), load);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
