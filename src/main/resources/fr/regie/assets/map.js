// Régie /map: draws /map/data as a choropleth (Leaflet, SVG renderer, no base map unless the
// registry declares tiles), its legend, the same figures as a table, and point layers on top.
// State lives in the URL (?indicator=&scale=&extent=&classes=). Hooks for browser tests: #map
// gets data-units (polygons drawn) and data-ready="true" after each render; each unit is an SVG
// path with class regie-unit; the table is #map-table.
(function () {
  'use strict';
  var cfgEl = document.getElementById('map-config');
  var el = document.getElementById('map');
  if (!cfgEl || !el || typeof L === 'undefined') { return; }
  var cfg = JSON.parse(cfgEl.textContent);
  var form = document.getElementById('map-form');
  var status = document.getElementById('map-status');
  var legend = document.getElementById('map-legend');
  var tbody = document.querySelector('#map-table tbody');
  // Viridis, 5 classes (colour-blind safe, sequential), light for low values.
  var PALETTE = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'];
  var NODATA = '#ffffff';
  var nf = new Intl.NumberFormat(cfg.lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 });
  var map = L.map(el, { renderer: L.svg(), zoomSnap: 0.25, attributionControl: !!cfg.tiles });
  if (cfg.tiles) { L.tileLayer(cfg.tiles, { attribution: cfg.tilesAttribution || '' }).addTo(map); }
  map.setView([48.85, 2.35], 9);
  var units = null;
  var points = {};
  var request = 0;

  function fmt(v) { return v === null || v === undefined ? '—' : nf.format(v); }
  function state() {
    var s = {};
    ['indicator', 'scale', 'extent', 'classes'].forEach(function (k) { s[k] = form.elements[k].value; });
    return s;
  }

  function quantiles(vals, k) {
    var b = [];
    for (var i = 1; i < k; i++) { b.push(vals[Math.min(vals.length - 1, Math.floor(i * vals.length / k))]); }
    return b;
  }

  // Jenks natural breaks (Fisher's dynamic programme): k-1 upper bounds of the first classes.
  function jenks(vals, k) {
    var n = vals.length, i, j, m;
    if (n <= k) { return vals.slice(0, n - 1); }
    var lower = [], variance = [];
    for (i = 0; i <= n; i++) {
      lower.push(new Array(k + 1).fill(0));
      variance.push(new Array(k + 1).fill(i === 0 ? 0 : Infinity));
    }
    for (j = 1; j <= k; j++) { lower[1][j] = 1; variance[1][j] = 0; }
    for (var l = 2; l <= n; l++) {
      var s1 = 0, s2 = 0, w = 0, v = 0;
      for (m = 1; m <= l; m++) {
        var i3 = l - m + 1, val = vals[i3 - 1];
        s2 += val * val; s1 += val; w++;
        v = s2 - (s1 * s1) / w;
        var i4 = i3 - 1;
        if (i4 !== 0) {
          for (j = 2; j <= k; j++) {
            if (variance[l][j] >= v + variance[i4][j - 1]) { lower[l][j] = i3; variance[l][j] = v + variance[i4][j - 1]; }
          }
        }
      }
      lower[l][1] = 1; variance[l][1] = v;
    }
    var breaks = [], kk = n;
    for (j = k; j >= 2; j--) { var id = lower[kk][j] - 2; breaks.unshift(vals[Math.max(0, id)]); kk = lower[kk][j] - 1; }
    return breaks;
  }

  function classify(values, method) {
    var vals = values.filter(function (v) { return v !== null; }).sort(function (a, b) { return a - b; });
    if (!vals.length) { return { bounds: [], min: null, max: null }; }
    var b;
    var rest = vals.filter(function (v) { return v > vals[0]; });
    if (method !== 'jenks' && rest.length && vals.length - rest.length >= vals.length / 5) {
      // The lowest value (often 0) fills a class or more: it is a class of its own, quantiles share out the rest.
      b = [vals[0]].concat(quantiles(rest, 4));
    } else {
      b = method === 'jenks' ? jenks(vals, 5) : quantiles(vals, 5);
    }
    var uniq = [];
    b.forEach(function (x) { if (x < vals[vals.length - 1] && uniq.indexOf(x) < 0) { uniq.push(x); } });
    return { bounds: uniq, min: vals[0], max: vals[vals.length - 1] };
  }
  function colour(v, c) {
    if (v === null) { return NODATA; }
    var i = 0;
    while (i < c.bounds.length && v > c.bounds[i]) { i++; }
    var n = c.bounds.length + 1;
    return PALETTE[n === 1 ? 2 : Math.round(i * (PALETTE.length - 1) / (n - 1))];
  }

  function drawLegend(c, ind, data) {
    var h = '<strong>' + esc(ind.label) + '</strong> <span class="muted">(' + esc(ind.unit) + ')</span><ul class="legend-list">';
    var lo = c.min;
    for (var i = 0; i <= c.bounds.length && c.min !== null; i++) {
      var hi = i < c.bounds.length ? c.bounds[i] : c.max;
      h += '<li><i style="background:' + colour(hi, c) + '"></i>' + (lo === hi ? fmt(lo) : fmt(lo) + ' – ' + fmt(hi)) + '</li>';
      lo = hi;
    }
    if (data.features.some(function (f) { return f.properties.value === null; })) {
      h += '<li><i style="background:' + NODATA + '"></i>' + esc(cfg.texts.nodata) + '</li>';
    }
    legend.innerHTML = h + '</ul>';
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (ch) { return '&#' + ch.charCodeAt(0) + ';'; });
  }
  var COLON = cfg.lang === 'fr' ? '\u00a0: ' : ': ';
  function tooltip(p, ind) {
    var h = '<strong>' + esc(p.name) + '</strong> (' + esc(p.code) + ')<br>' + esc(ind.label) + COLON + fmt(p.value);
    if (ind.ratio) {
      h += '<br>' + esc(ind.numerator) + COLON + fmt(p.numerator) + '<br>' + esc(ind.denominator) + COLON + fmt(p.denominator);
    }
    return h;
  }
  function drawTable(data) {
    var rows = data.features.slice().sort(function (a, b) {
      var x = a.properties.value, y = b.properties.value;
      if (x === y) { return a.properties.name.localeCompare(b.properties.name); }
      if (x === null) { return 1; }
      if (y === null) { return -1; }
      return y - x;
    });
    tbody.innerHTML = rows.map(function (f) {
      var p = f.properties;
      return '<tr><th scope="row"><a href="' + esc(p.url) + '">' + esc(p.name) + '</a></th><td>' + esc(p.code) + '</td><td class="num">'
        + fmt(p.value) + '</td><td class="num">' + fmt(p.numerator) + '</td><td class="num">' + fmt(p.denominator) + '</td></tr>';
    }).join('');
  }

  function render() {
    var s = state();
    var ind = cfg.indicators[s.indicator];
    var mine = ++request;
    el.setAttribute('data-ready', 'false');
    status.textContent = cfg.texts.loading;
    var url = cfg.data + '?indicator=' + encodeURIComponent(s.indicator) + '&scale=' + encodeURIComponent(s.scale)
      + '&extent=' + encodeURIComponent(s.extent) + '&zoom=' + Math.round(map.getZoom()) + '&lang=' + cfg.lang;
    fetch(url, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) { return r.json().then(function (p) { throw new Error(p.detail || r.status); }); }
      return r.json();
    }).then(function (data) {
      if (mine !== request) { return; }
      var c = classify(data.features.map(function (f) { return f.properties.value; }), s.classes);
      if (units) { map.removeLayer(units); }
      var drawn = 0;
      units = L.geoJSON(data, {
        className: 'regie-unit',
        filter: function (f) { return f.geometry !== null; },
        style: function (f) {
          return { color: '#1f1f1f', weight: 1, opacity: 1, fillColor: colour(f.properties.value, c), fillOpacity: 0.85 };
        },
        onEachFeature: function (f, layer) {
          drawn++;
          layer.bindTooltip(tooltip(f.properties, ind), { sticky: true });
          layer.on('click', function () { window.location.href = f.properties.url; });
          // The unit's code on its outline, for tests and assistive tools that read the DOM.
          layer.on('add', function () { var e = layer.getElement(); if (e) { e.setAttribute('data-code', f.properties.code); } });
        }
      }).addTo(map);
      Object.keys(points).forEach(function (k) { points[k].bringToFront(); });
      if (!el.dataset.fitted || el.dataset.fitted !== s.extent) {
        var b = units.getBounds();
        if (b.isValid()) { map.fitBounds(b, { padding: [8, 8] }); }
        el.dataset.fitted = s.extent;
      }
      drawLegend(c, ind, data);
      drawTable(data);
      var notHere = data.features.length > 0 && data.features.every(function (f) { return f.properties.aggregatable === false; });
      status.textContent = (data.available ? '' : cfg.texts.unavailable + ' ') + (notHere ? cfg.texts.notpublished + ' ' : '')
        + cfg.texts.drawn.replace('{0}', drawn);
      el.setAttribute('data-units', String(drawn));
      el.setAttribute('data-ready', 'true');
    }).catch(function (e) {
      if (mine !== request) { return; }
      status.textContent = cfg.texts.error + ' ' + e.message;
      el.setAttribute('data-units', '0');
      el.setAttribute('data-ready', 'true');
    });
  }

  function togglePoints(box) {
    var id = box.value;
    if (points[id]) { map.removeLayer(points[id]); delete points[id]; }
    if (!box.checked) { return; }
    var url = cfg.points + '?layer=' + encodeURIComponent(id) + '&extent=' + encodeURIComponent(state().extent);
    fetch(url, { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data || !box.checked) { return; }
      points[id] = L.geoJSON(data, {
        pointToLayer: function (f, ll) {
          return L.circleMarker(ll, { radius: 4, color: '#ffffff', weight: 1, fillColor: '#c0392b', fillOpacity: 1, className: 'regie-point' });
        },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(esc(f.properties.name));
          layer.on('click', function () { window.location.href = f.properties.url; });
        }
      }).addTo(map);
      if (data.truncated) { status.textContent = cfg.texts['points.truncated']; }
    });
  }

  function update() {
    var s = state();
    var q = new URLSearchParams(s);
    q.set('lang', cfg.lang);
    history.replaceState(null, '', '?' + q.toString());
    render();
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
  ['indicator', 'scale', 'extent', 'classes'].forEach(function (k) {
    form.elements[k].addEventListener('change', function () {
      if (k === 'extent') { delete el.dataset.fitted; }
      update();
      if (k === 'extent') {
        document.querySelectorAll('#map-layers input:checked').forEach(togglePoints);
      }
    });
  });
  document.querySelectorAll('#map-layers input').forEach(function (box) {
    box.addEventListener('change', function () { togglePoints(box); });
  });
  var lastZoom = null;
  map.on('zoomend', function () {
    var z = Math.max(4, Math.min(14, Math.round(map.getZoom())));
    if (lastZoom !== null && z !== lastZoom) { render(); }
    lastZoom = z;
  });
  render();
}());
