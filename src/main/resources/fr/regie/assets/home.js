// The home page's map (Régie, feature "home"): the territory's communes from the map helper's
// GeoJSON (data-src of #home-map), drawn with Leaflet, no tiles. When the data does not come
// (no map feature, 404, no Leaflet), the map is hidden and the list of communes stays.
(function () {
  "use strict";
  var el = document.getElementById("home-map");
  if (!el) { return; }
  function hide() { el.hidden = true; }
  if (!window.L || !window.fetch) { hide(); return; }
  fetch(el.getAttribute("data-src"), { headers: { Accept: "application/geo+json, application/json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (geo) {
      if (!geo || !geo.features || geo.features.length === 0) { hide(); return; }
      var map = L.map(el, { attributionControl: false, scrollWheelZoom: false });
      var layer = L.geoJSON(geo, {
        style: { color: "#0645ad", weight: 1, fillColor: "#8fb3e8", fillOpacity: 0.4 },
        onEachFeature: function (f, l) {
          var p = f.properties || {};
          if (p.name) { l.bindTooltip(String(p.name)); }
          if (p.url) { l.on("click", function () { window.location.href = p.url; }); }
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds());
    })
    .catch(hide);
})();
