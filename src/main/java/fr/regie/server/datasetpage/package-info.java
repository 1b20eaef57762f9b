/**
 * Dataset pages {@code /datasets} and {@code /datasets/{id}} (HTML; RDF clients are sent to the
 * dataset's catalog entry), and the dataset downloads made from its graph: CSV per class and
 * GeoJSON, with their sizes. The dump and the change feed under {@code /datasets/{id}/} stay
 * {@code server.ops}'s.
 */
package fr.regie.server.datasetpage;
