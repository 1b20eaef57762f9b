/**
 * Maps: {@code /map}, a choropleth of any declared indicator at any scale (IRIS, commune, EPT,
 * EPCI, département, région) over an extent, with point layers; {@code /map/data} (GeoJSON,
 * outlines from the reference unioned and simplified with JTS), {@code /map/value} (one unit's
 * figures), {@code /map/indicators} and {@code /map/points}. Indicators, measures and layers are
 * declared in {@code indicators.ttl} beside the registry ({@link fr.regie.server.map.Declarations});
 * each indicator's rule ({@link fr.regie.server.map.Rules}) says how a unit's value follows from
 * its communes or IRIS; every value comes from what the caller may see ({@link fr.regie.server.map.Values}).
 */
package fr.regie.server.map;
