/* Search-as-you-type for <input data-suggest="URL" list="ID">: asks Carnet for a few matches
   (never a huge list), offers them in the datalist, and keeps the picked id in the hidden field
   named by data-id-field. Without this script the field still works: type the exact name. */
(function () {
  "use strict";

  function setup(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var idField = input.dataset.idField ? document.getElementById(input.dataset.idField) : null;
    var byLabel = {};
    var timer = null;
    if (!list) { return; }

    function fill(items) {
      list.textContent = "";
      byLabel = {};
      items.forEach(function (item) {
        var option = document.createElement("option");
        option.value = item.label;
        list.appendChild(option);
        byLabel[item.label] = item.id;
      });
    }

    input.addEventListener("input", function () {
      if (idField) { idField.value = byLabel[input.value] || ""; }
      window.clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2 || byLabel[input.value]) { return; }
      timer = window.setTimeout(function () {
        var url = input.dataset.suggest + "?q=" + encodeURIComponent(q);
        if (input.dataset.kind) { url += "&kind=" + encodeURIComponent(input.dataset.kind); }
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (data) { fill(data.items || []); })
          .catch(function () { fill([]); });
      }, 200);
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(setup);
})();
