/**
 * Maps: {@code /map}, a choropleth of any declared indicator at any scale (commune, EPT, EPCI,
 * département) over an extent, with point layers; {@code /map/data} (GeoJSON, outlines from the
 * reference unioned and simplified with JTS), {@code /map/indicators} and {@code /map/points}.
 * Indicators, measures and layers are declared in {@code indicators.ttl} beside the registry;
 * every value comes from what the caller may see.
 */
package fr.regie.server.map;
