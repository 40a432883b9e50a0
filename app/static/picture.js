/* Carnet network pictures: fetch the JSON named by data-picture-url (same origin only) and draw
   it with vis-network, served from our own /assets. Every label and title is treated as plain
   text: titles become text nodes (never HTML), labels are drawn on the canvas. Below each
   picture a text list gives the same content to people who cannot use the canvas. The words
   shown come translated from the template (data-picture-words: a JSON object of sentences with
   {name} slots), so this file holds no user-facing text. */
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

  function wordsOf(frame) {
    try {
      return JSON.parse(frame.getAttribute("data-picture-words") || "{}");
    } catch (e) {
      return {};
    }
  }

  // The sentence `key` of the frame's words with its {slots} filled in (as plain text).
  function text(words, key, values) {
    return String(words[key] || key).replace(/\{(\w+)\}/g, function (slot, name) {
      return values && values[name] !== undefined ? String(values[name]) : slot;
    });
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

  var SENTENCES = ["knows", "reports_to", "works_at", "part_of"];

  function listing(data, words) {
    var names = {};
    data.nodes.forEach(function (n) { names[n.id] = String(n.label).split("\n")[0]; });
    var details = document.createElement("details");
    details.className = "picture-list";
    var summary = document.createElement("summary");
    summary.textContent = text(words, "list", {entries: data.nodes.length, links: data.edges.length});
    details.appendChild(summary);
    var list = document.createElement("ul");
    // An org chart's edges point down (parent to child); the sentences read upwards.
    var upwards = data.kind === "organisation_chart";
    data.edges.forEach(function (e) {
      var li = document.createElement("li");
      var ends = upwards ? {a: names[e.to], b: names[e.from]} : {a: names[e.from], b: names[e.to]};
      var line = text(words, SENTENCES.indexOf(e.kind) >= 0 ? e.kind : "link", ends);
      if (e.kind === "knows") {
        line += " " + (e.locked ? text(words, "locked", {owner: e.owner_name}) : text(words, "strength", {n: e.strength}));
      }
      li.textContent = line;
      list.appendChild(li);
    });
    details.appendChild(list);
    if (data.truncated) {
      var more = document.createElement("p");
      more.textContent = text(words, "truncated");
      details.appendChild(more);
    }
    return details;
  }

  function draw(frame, data, words) {
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
    var list = listing(data, words);
    lists += 1;
    list.id = "picture-list-" + lists;
    frame.parentNode.insertBefore(list, frame.nextSibling);
    frame.setAttribute("aria-describedby", list.id);
  }

  function load(frame) {
    if (frame.getAttribute("data-picture-state")) { return; }
    frame.setAttribute("data-picture-state", "loading");
    var words = wordsOf(frame);
    var src = frame.getAttribute("data-picture-url");
    if (!src || !sameOrigin(src)) {
      say(frame, text(words, "unsafe"));
      return;
    }
    if (!window.vis || !window.vis.Network) {
      say(frame, text(words, "noscript"));
      return;
    }
    frame.setAttribute("aria-busy", "true");
    fetch(src, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") !== 0) {
          var refused = new Error(text(words, response.status === 404 ? "missing" : "failed"));
          refused.shown = true;
          throw refused;
        }
        return response.json();
      })
      .then(function (data) { draw(frame, data, words); })
      .catch(function (error) {
        frame.setAttribute("data-picture-state", "failed");
        say(frame, error && error.shown ? error.message : text(words, "failed"));
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
