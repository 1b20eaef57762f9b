// A resource's small map (Régie, feature "resource"): its GeoJSON (data-src of #resource-map),
// drawn with Leaflet, no tiles. Hidden when the data does not come.
(function () {
  "use strict";
  var el = document.getElementById("resource-map");
  if (!el) { return; }
  function hide() { el.hidden = true; }
  if (!window.L || !window.fetch) { hide(); return; }
  fetch(el.getAttribute("data-src"), { headers: { Accept: "application/geo+json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (f) {
      if (!f || !f.geometry) { hide(); return; }
      var map = L.map(el, { attributionControl: false, scrollWheelZoom: false });
      var layer = L.geoJSON(f, {
        style: { color: "#0645ad", weight: 2, fillColor: "#8fb3e8", fillOpacity: 0.35 },
        pointToLayer: function (p, latlng) {
          return L.circleMarker(latlng, { radius: 7, color: "#0645ad", weight: 2, fillColor: "#8fb3e8", fillOpacity: 0.9 });
        }
      }).addTo(map);
      if (f.geometry.type === "Point") { map.setView(layer.getBounds().getCenter(), 15); } else { map.fitBounds(layer.getBounds()); }
    })
    .catch(hide);
})();
