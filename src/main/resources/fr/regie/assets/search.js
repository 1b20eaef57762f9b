// Search as one types (Régie, feature "search"): under the form #search, suggestions from
// /search (JSON) for what is typed in #q. Without JavaScript the form submits to /search.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var input = document.getElementById("q");
  if (!form || !input || !window.fetch) { return; }
  var list = document.createElement("ul");
  list.id = "suggestions";
  list.className = "suggestions";
  list.setAttribute("aria-live", "polite");
  form.appendChild(list);
  var timer = null, last = "";
  function clear() { while (list.firstChild) { list.removeChild(list.firstChild); } }
  function show(hits) {
    clear();
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.url;
      a.textContent = h.label;
      li.appendChild(a);
      if (h.typeLabel) {
        var t = document.createElement("span");
        t.className = "type";
        t.textContent = " " + h.typeLabel;
        li.appendChild(t);
      }
      list.appendChild(li);
    });
  }
  input.addEventListener("input", function () {
    var q = input.value.trim();
    if (timer) { clearTimeout(timer); }
    if (q.length < 2) { last = ""; clear(); return; }
    timer = setTimeout(function () {
      if (q === last) { return; }
      last = q;
      fetch(form.getAttribute("action") + "?limit=8&q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { hits: [] }; })
        .then(function (j) { if (input.value.trim() === q) { show(j.hits || []); } })
        .catch(function () { clear(); });
    }, 150);
  });
})();
