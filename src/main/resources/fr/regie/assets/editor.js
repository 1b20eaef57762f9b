/*
 * Régie's SPARQL editor (/sparql in a browser): YASGUI on this server's endpoint, configured so
 * that the page asks nothing of any other host (no LOV or prefix.cc completion, no endpoint
 * catalogue), completing the prefixes of Régie's JSON-LD context; two result views of ours
 * beside YASR's table: a map (Leaflet, no tiles) of a column of WKT or GeoJSON geometries, and a
 * bar chart (inline SVG) of a numeric column. The query is kept in the page's address. The
 * server gives the configuration in the JSON element #editor-config (EditorPage.java).
 * Hooks for tests: window.regieYasgui, #yasgui[data-ready], #editor-ready.
 */
(function () {
  "use strict";
  var cfgEl = document.getElementById("editor-config");
  var root = document.getElementById("yasgui");
  if (!cfgEl || !root || !window.Yasgui) {
    return;
  }
  var cfg = JSON.parse(cfgEl.textContent);
  var T = cfg.texts;
  var Yasgui = window.Yasgui;
  var Yasqe = Yasgui.Yasqe;
  var Yasr = Yasgui.Yasr;
  var KEY = "regie.apiKey";
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var GEO = "http://www.opengis.net/ont/geosparql#";

  function fmt(s) {
    var args = arguments;
    return String(s).replace(/\{(\d)\}/g, function (m, i) { return String(args[+i + 1]); });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  /* ---- The API key: this tab only, sent to this server as X-API-Key. ---- */
  function apiKey() {
    try {
      return window.sessionStorage.getItem(KEY) || "";
    } catch (e) {
      return "";
    }
  }

  function setKey(value) {
    try {
      if (value) {
        window.sessionStorage.setItem(KEY, value);
      } else {
        window.sessionStorage.removeItem(KEY);
      }
    } catch (e) {
      /* storage refused: the key is not kept */
    }
    var status = document.getElementById("api-key-status");
    if (status) {
      status.textContent = value ? T["key.saved"] : T["key.forgotten"];
    }
  }

  var keyInput = document.getElementById("api-key");
  var keyForm = document.getElementById("api-key-form");
  if (keyForm) {
    keyForm.addEventListener("submit", function (e) {
      e.preventDefault();
      setKey(keyInput.value.trim());
    });
  }
  if (keyInput) {
    keyInput.value = apiKey();
    keyInput.addEventListener("change", function () { setKey(keyInput.value.trim()); });
    var forget = document.getElementById("api-key-forget");
    if (forget) {
      forget.addEventListener("click", function () {
        keyInput.value = "";
        setKey("");
      });
    }
  }

  /* ---- Completion: the store's prefixes, and nothing that calls another host. ---- */
  var prefixList = Object.keys(cfg.prefixes).sort().map(function (p) { return p + ": <" + cfg.prefixes[p] + ">"; });
  Yasqe.Autocompleters.prefixes = Object.assign({}, Yasqe.Autocompleters.prefixes, { get: prefixList, persistenceId: null });
  delete Yasqe.Autocompleters.property;
  delete Yasqe.Autocompleters["class"];
  Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasqe.defaults.prefixCcApi = null;

  /* ---- Reading result cells. ---- */
  function label(b) {
    if (!b) {
      return "";
    }
    if (b.type === "uri") {
      var best = null;
      Object.keys(cfg.prefixes).forEach(function (p) {
        var ns = cfg.prefixes[p];
        if (b.value.indexOf(ns) === 0 && (!best || ns.length > cfg.prefixes[best].length)) {
          best = p;
        }
      });
      return best ? best + ":" + b.value.substring(cfg.prefixes[best].length) : b.value;
    }
    return b.value;
  }

  var NUMERIC = /^(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsignedInt|unsignedLong|unsignedShort|unsignedByte)$/;

  function isNumber(b) {
    return !!b && (b.type === "literal" || b.type === "typed-literal") && !!b.datatype && b.datatype.indexOf(XSD) === 0
      && NUMERIC.test(b.datatype.substring(XSD.length)) && isFinite(parseFloat(b.value));
  }

  var WKT_START = /^\s*(<[^>]*>\s*)?(POINT|MULTIPOINT|LINESTRING|MULTILINESTRING|POLYGON|MULTIPOLYGON|GEOMETRYCOLLECTION)\b/i;

  function geoKind(b) {
    if (!b || b.type === "uri" || b.type === "bnode") {
      return null;
    }
    if (b.datatype === GEO + "wktLiteral" || WKT_START.test(b.value)) {
      return "wkt";
    }
    if (b.datatype === GEO + "geoJSONLiteral" || /^\s*\{[\s\S]*"type"\s*:[\s\S]*("coordinates"|"geometries"|"features")/.test(b.value)) {
      return "geojson";
    }
    return null;
  }

  function columns(results, test, all) {
    if (!results || !results.getVariables || !results.getBindings) {
      return [];
    }
    var rows = results.getBindings() || [];
    return (results.getVariables() || []).filter(function (v) {
      var seen = false;
      for (var i = 0; i < rows.length; i++) {
        if (rows[i][v]) {
          if (test(rows[i][v])) {
            seen = true;
          } else if (all) {
            return false;
          }
        }
      }
      return seen;
    });
  }

  /** WKT (OGC simple features, optionally after a CRS IRI) as a GeoJSON geometry; null if unreadable. */
  function parseWkt(text) {
    var crs = /^\s*<([^>]*)>/.exec(text);
    var s = text.replace(/^\s*<[^>]*>\s*/, "");
    var swap = !!crs && /EPSG\/0\/4326$/.test(crs[1]);
    var pos = 0;
    function ws() { while (pos < s.length && /\s/.test(s.charAt(pos))) { pos++; } }
    function fail() { throw new Error("WKT"); }
    function word() {
      ws();
      var m = /^[A-Za-z]+/.exec(s.substring(pos));
      if (!m) { fail(); }
      pos += m[0].length;
      return m[0].toUpperCase();
    }
    function peek(c) { ws(); return s.charAt(pos) === c; }
    function expect(c) { if (!peek(c)) { fail(); } pos++; }
    function coord() {
      ws();
      var m = /^[-+0-9.eE]+(\s+[-+0-9.eE]+)+/.exec(s.substring(pos));
      if (!m) { fail(); }
      pos += m[0].length;
      var n = m[0].trim().split(/\s+/).map(Number);
      if (!isFinite(n[0]) || !isFinite(n[1])) { fail(); }
      return swap ? [n[1], n[0]] : [n[0], n[1]];
    }
    function list(item) {
      expect("(");
      var out = [item()];
      while (peek(",")) { pos++; out.push(item()); }
      expect(")");
      return out;
    }
    function coords() { return list(coord); }
    function geometry() {
      var type = word();
      ws();
      var dim = /^(ZM|Z|M)\b/i.exec(s.substring(pos));
      if (dim) { pos += dim[0].length; }
      ws();
      if (/^EMPTY/i.test(s.substring(pos))) { pos += 5; return null; }
      switch (type) {
        case "POINT": return { type: "Point", coordinates: coords()[0] };
        case "MULTIPOINT": return { type: "MultiPoint", coordinates: list(function () { return peek("(") ? coords()[0] : coord(); }) };
        case "LINESTRING": return { type: "LineString", coordinates: coords() };
        case "MULTILINESTRING": return { type: "MultiLineString", coordinates: list(coords) };
        case "POLYGON": return { type: "Polygon", coordinates: list(coords) };
        case "MULTIPOLYGON": return { type: "MultiPolygon", coordinates: list(function () { return list(coords); }) };
        case "GEOMETRYCOLLECTION": return { type: "GeometryCollection", geometries: list(geometry).filter(Boolean) };
        default: return fail();
      }
    }
    try {
      return geometry();
    } catch (e) {
      return null;
    }
  }

  function geometryOf(b) {
    var kind = geoKind(b);
    if (kind === "wkt") {
      return parseWkt(b.value);
    }
    if (kind === "geojson") {
      try {
        var g = JSON.parse(b.value);
        return g && typeof g.type === "string" ? g : null;
      } catch (e) {
        return null;
      }
    }
    return null;
  }

  /** A labelled choice of column, calling back with the chosen one. */
  function columnChoice(id, text, options, chosen, onChange) {
    var p = el("p", "regie-choice");
    var l = el("label", null, text);
    l.htmlFor = id;
    var sel = el("select");
    sel.id = id;
    options.forEach(function (o) {
      var opt = el("option", null, "?" + o);
      opt.value = o;
      opt.selected = o === chosen;
      sel.appendChild(opt);
    });
    sel.addEventListener("change", function () { onChange(sel.value); });
    p.appendChild(l);
    p.appendChild(document.createTextNode(" "));
    p.appendChild(sel);
    return p;
  }

  function icon(symbol) {
    var s = el("span", "regie-plugin-icon", symbol);
    s.setAttribute("aria-hidden", "true");
    return s;
  }

  /* ---- The map view: a column of geometries, drawn with Leaflet on a plain background. ---- */
  function MapPlugin(yasr) {
    this.yasr = yasr;
    this.priority = 4;
    this.label = T["map"];
    this.column = null;
  }
  MapPlugin.prototype.canHandleResults = function () {
    return columns(this.yasr.results, geoKind, false).length > 0;
  };
  MapPlugin.prototype.getIcon = function () { return icon("◎"); };
  MapPlugin.prototype.draw = function () {
    var self = this;
    var results = this.yasr.results;
    var cols = columns(results, geoKind, false);
    var column = cols.indexOf(this.column) >= 0 ? this.column : cols[0];
    var wrap = el("div", "regie-view regie-map-view");
    this.yasr.resultsEl.appendChild(wrap);
    if (cols.length > 1) {
      wrap.appendChild(columnChoice("regie-map-column", T["map.column"], cols, column, function (c) {
        self.column = c;
        wrap.remove();
        self.draw();
      }));
    }
    var vars = results.getVariables();
    var features = [];
    results.getBindings().forEach(function (row) {
      var g = geometryOf(row[column]);
      if (g) {
        features.push({ type: "Feature", geometry: g, properties: { row: row } });
      }
    });
    if (!features.length) {
      wrap.appendChild(el("p", null, T["map.none"]));
      return;
    }
    var caption = el("p", "muted", fmt(T["map.alt"], features.length, "?" + column));
    caption.id = "regie-map-caption";
    wrap.appendChild(caption);
    var box = el("div", "map regie-map");
    box.setAttribute("role", "region");
    box.setAttribute("aria-labelledby", caption.id);
    wrap.appendChild(box);
    var map = window.L.map(box, { attributionControl: false, preferCanvas: features.length > 500 });
    var layer = window.L.geoJSON({ type: "FeatureCollection", features: features }, {
      style: function () { return { color: "#0645ad", weight: 1, fillOpacity: 0.25 }; },
      pointToLayer: function (f, latlng) {
        return window.L.circleMarker(latlng, { radius: 5, color: "#0645ad", weight: 1, fillOpacity: 0.7 });
      },
      onEachFeature: function (f, l) {
        l.bindPopup(function () {
          var dl = el("dl", "facts");
          vars.forEach(function (v) {
            var b = f.properties.row[v];
            if (b && v !== column) {
              dl.appendChild(el("dt", null, "?" + v));
              dl.appendChild(el("dd", null, label(b)));
            }
          });
          return dl;
        });
      }
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { maxZoom: 15, padding: [10, 10] });
    } else {
      map.setView([46.6, 2.4], 5);
    }
    window.setTimeout(function () { map.invalidateSize(); }, 0);
  };

  /* ---- The chart view: bars of a numeric column, inline SVG, one line per row. ---- */
  var MAX_BARS = 200;

  function ChartPlugin(yasr) {
    this.yasr = yasr;
    this.priority = 3;
    this.label = T["chart"];
    this.value = null;
    this.labels = null;
  }
  ChartPlugin.prototype.canHandleResults = function () {
    return columns(this.yasr.results, isNumber, true).length > 0;
  };
  ChartPlugin.prototype.getIcon = function () { return icon("▤"); };
  ChartPlugin.prototype.draw = function () {
    var self = this;
    var results = this.yasr.results;
    var vars = results.getVariables();
    var numeric = columns(results, isNumber, true);
    // By default the last numeric column (queries usually end with the figure they compute) and
    // a column named like a label, else the first that is not numeric.
    var value = numeric.indexOf(this.value) >= 0 ? this.value : numeric[numeric.length - 1];
    var others = vars.filter(function (v) { return v !== value; });
    var texts = others.filter(function (v) { return numeric.indexOf(v) < 0; });
    var named = texts.filter(function (v) { return /(^|_)(name|label|nom|title|titre|libelle)(_|$)/i.test(v); });
    var labels = others.indexOf(this.labels) >= 0 ? this.labels : (named[0] || texts[0] || others[0]);
    var wrap = el("div", "regie-view regie-chart-view");
    this.yasr.resultsEl.appendChild(wrap);
    var redraw = function () { wrap.remove(); self.draw(); };
    var choices = el("div", "regie-choices");
    choices.appendChild(columnChoice("regie-chart-value", T["chart.value"], numeric, value, function (c) { self.value = c; redraw(); }));
    if (others.length) {
      choices.appendChild(columnChoice("regie-chart-label", T["chart.label"], others, labels, function (c) { self.labels = c; redraw(); }));
    }
    wrap.appendChild(choices);
    var rows = results.getBindings();
    var drawn = rows.slice(0, MAX_BARS);
    var numbers = drawn.map(function (r) { return r[value] ? parseFloat(r[value].value) : null; });
    var present = numbers.filter(function (n) { return n !== null; });
    var lo = Math.min(0, Math.min.apply(null, present));
    var hi = Math.max(0, Math.max.apply(null, present));
    var span = hi - lo || 1;
    var figure = el("figure", "regie-chart");
    var caption = el("figcaption", "muted", fmt(T["chart.alt"], "?" + value, labels ? "?" + labels : "#", drawn.length));
    figure.appendChild(caption);
    var NS = "http://www.w3.org/2000/svg";
    var grid = el("div", "regie-bars");
    drawn.forEach(function (r, i) {
      var n = numbers[i];
      grid.appendChild(el("span", "regie-bar-label", labels && r[labels] ? label(r[labels]) : String(i + 1)));
      var svg = document.createElementNS(NS, "svg");
      svg.setAttribute("viewBox", "0 0 100 10");
      svg.setAttribute("preserveAspectRatio", "none");
      svg.setAttribute("class", "regie-bar");
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      if (n !== null) {
        var rect = document.createElementNS(NS, "rect");
        var x0 = (Math.min(n, 0) - lo) / span * 100;
        rect.setAttribute("x", String(x0));
        rect.setAttribute("y", "1");
        rect.setAttribute("width", String(Math.max(Math.abs(n) / span * 100, n === 0 ? 0 : 0.3)));
        rect.setAttribute("height", "8");
        rect.setAttribute("fill", n < 0 ? "#b3261e" : "#0645ad");
        svg.appendChild(rect);
      }
      grid.appendChild(svg);
      grid.appendChild(el("span", "regie-bar-value", r[value] ? r[value].value : ""));
    });
    figure.appendChild(grid);
    if (rows.length > MAX_BARS) {
      figure.appendChild(el("p", "muted", fmt(T["chart.cut"], MAX_BARS)));
    }
    wrap.appendChild(figure);
  };

  Yasr.registerPlugin("regieMap", MapPlugin);
  Yasr.registerPlugin("regieChart", ChartPlugin);

  /* ---- The query: from the address, kept in the address. ---- */
  function queryFromUrl() {
    if (location.hash.length > 1) {
      var h = new URLSearchParams(location.hash.substring(1)).get("query");
      if (h) {
        return h;
      }
    }
    return new URLSearchParams(location.search).get("query");
  }

  var initial = queryFromUrl() || (cfg.examples.length ? cfg.examples[0].query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10");

  var yasgui = new Yasgui(root, {
    requestConfig: {
      endpoint: cfg.endpoint,
      method: "POST",
      headers: function () {
        var k = apiKey();
        return k ? { "X-API-Key": k } : {};
      }
    },
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: cfg.endpoint }]; }, keys: [] },
    persistenceId: null,
    populateFromUrl: false,
    autofocus: false,
    yasqe: { value: initial, persistenceId: null, autocompleters: ["prefixes", "variables"] },
    yasr: { prefixes: cfg.prefixes, persistenceId: null, defaultPlugin: "table",
      pluginOrder: ["table", "regieMap", "regieChart", "response"] }
  });
  window.regieYasgui = yasgui;

  function currentQuery() {
    var tab = yasgui.getTab();
    return tab && tab.getYasqe() ? tab.getYasqe().getValue() : "";
  }

  var timer = null;
  function keepInUrl() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var q = currentQuery();
      var params = new URLSearchParams(location.search);
      params.delete("query");
      params.delete("lang");
      var url;
      // Short queries in the query string (what other pages link to), long ones in the fragment
      // (never sent to the server, whatever its limit on request lines).
      if (encodeURIComponent(q).length <= 6000) {
        params.set("query", q);
        url = location.pathname + "?" + params.toString();
      } else {
        var rest = params.toString();
        url = location.pathname + (rest ? "?" + rest : "") + "#query=" + encodeURIComponent(q);
      }
      if (url !== location.pathname + location.search + location.hash) {
        history.replaceState(null, "", url);
      }
    }, 300);
  }
  ["keyup", "input", "paste", "cut", "drop"].forEach(function (ev) { root.addEventListener(ev, keepInUrl); });
  ["tabSelect", "tabChange", "query"].forEach(function (ev) { yasgui.on(ev, keepInUrl); });

  Array.prototype.forEach.call(document.querySelectorAll("a[data-example]"), function (a) {
    a.addEventListener("click", function (e) {
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) {
        return;
      }
      var ex = cfg.examples.filter(function (x) { return x.id === a.getAttribute("data-example"); })[0];
      var tab = yasgui.getTab();
      if (!ex || !tab) {
        return;
      }
      e.preventDefault();
      tab.setQuery(ex.query);
      keepInUrl();
      root.scrollIntoView({ block: "start" });
    });
  });

  /* ---- Names for YASGUI's unlabelled controls (WCAG 2.1: every control has a name). ---- */
  function name(selector, text) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), function (e) {
      if (!e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby")) {
        e.setAttribute("aria-label", text);
      }
    });
  }
  function label11y() {
    name(".CodeMirror textarea", "SPARQL");
    name(".tabsList input", "Tab name");
    name("input", "SPARQL endpoint");
    // The editor's scrolling box can be reached by keyboard too (WCAG 2.1.1).
    Array.prototype.forEach.call(root.querySelectorAll(".CodeMirror-scroll"), function (e) { e.setAttribute("tabindex", "0"); });
  }
  label11y();
  yasgui.on("tabSelect", function () { window.setTimeout(label11y, 0); });
  yasgui.on("tabAdd", function () { window.setTimeout(label11y, 0); });

  root.setAttribute("data-ready", "true");
  var ready = el("span");
  ready.id = "editor-ready";
  ready.hidden = true;
  document.body.appendChild(ready);
})();
