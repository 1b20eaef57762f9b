/**
 * The territory: the ontology's terms as constants, and the territorial reference as Régie uses
 * it to link partner records — the communes in force, their former codes (communes déléguées and
 * associées, arrondissements municipaux, COG history) and dated boundaries for placing points.
 * It also gives SPARQL the GeoSPARQL filter functions Régie relies on.
 */
package fr.regie.territory;
