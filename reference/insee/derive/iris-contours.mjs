// Derives reference/insee/data/iris-grand-paris.geojson from IGN-INSEE CONTOURS-IRIS of the
// Grand Paris (map_iris.shp/.dbf, Lambert-93, DBF in Latin-1): every polygon, reprojected to
// WGS 84 longitude-latitude with 6 decimals, properties CODE_IRIS, NOM_IRIS, CODE_COM.
// Run once (see reference/insee/SOURCE.md); the build and tests read the committed output only.
//
//   node iris-contours.mjs <dir with map_iris.shp/.dbf> <output.geojson>
//
// Needs the npm packages shapefile@0.6.6 and proj4@2.22.0 (installed in a temporary directory).
import { open } from "shapefile";
import proj4 from "proj4";
import { writeFileSync } from "node:fs";

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  console.error("usage: node iris-contours.mjs <dir with map_iris.shp> <output.geojson>");
  process.exit(2);
}
// Lambert-93 (EPSG:2154), RGF93 taken as WGS 84 (no datum shift), as the .prj's GRS80 LCC says.
const lambert93 = "+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000"
  + " +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs";
const toWgs84 = proj4(lambert93, "WGS84");
const round = (v) => Math.round(v * 1e6) / 1e6;
const point = ([x, y]) => toWgs84.forward([x, y]).map(round);
const rings = (polygon) => polygon.map((ring) => ring.map(point));

const source = await open(`${dir}/map_iris.shp`, `${dir}/map_iris.dbf`, { encoding: "latin1" });
const features = [];
for (let r = await source.read(); !r.done; r = await source.read()) {
  const f = r.value;
  const g = f.geometry;
  if (g.type !== "Polygon" && g.type !== "MultiPolygon") {
    throw new Error(`feature ${features.length + 1} (${f.properties.CODE_IRIS}): unexpected ${g.type}`);
  }
  const coordinates = g.type === "Polygon" ? rings(g.coordinates) : g.coordinates.map(rings);
  features.push({
    type: "Feature",
    properties: { CODE_IRIS: f.properties.CODE_IRIS, NOM_IRIS: f.properties.NOM_IRIS, CODE_COM: f.properties.CODE_COM },
    geometry: { type: g.type, coordinates },
  });
}
writeFileSync(out, JSON.stringify({ type: "FeatureCollection", features }) + "\n");
console.log(`${features.length} features written to ${out}`);
