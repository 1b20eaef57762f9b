package fr.regie.bench;

import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.MappingReader;

/**
 * The mapping benchmarked, written as a partner would: items identified by a subject template,
 * typed with one {@code rr:class}, eight column-valued predicate-object maps (schema.org where
 * it has a term) and a link to their category through a referencing object map with a join
 * condition. That is ten triples per item (nine when the nullable note is NULL), plus two per
 * category. The IRIs are shared with {@link BaselineRun} so that both write the same lines.
 */
final class BenchMapping {
    static final String SCHEMA_ORG = "http://schema.org/";
    static final String EX = "http://example.com/ns#";
    static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    static final String ITEM_IRI = "http://example.com/item/";
    static final String CATEGORY_IRI = "http://example.com/category/";

    /** Item columns in table order, with the property each one maps to. */
    static final String[][] ITEM_COLUMNS = {
        {"id", SCHEMA_ORG + "identifier"},
        {"name", SCHEMA_ORG + "name"},
        {"price", SCHEMA_ORG + "price"},
        {"released_on", SCHEMA_ORG + "releaseDate"},
        {"modified_at", SCHEMA_ORG + "dateModified"},
        {"available", EX + "available"},
        {"note", SCHEMA_ORG + "description"},
        {"category_id", EX + "categoryCode"},
    };
    static final String ITEM_CLASS = SCHEMA_ORG + "Product";
    static final String ITEM_CATEGORY = SCHEMA_ORG + "category";
    static final String CATEGORY_CLASS = SCHEMA_ORG + "CategoryCode";
    static final String CATEGORY_NAME = SCHEMA_ORG + "name";

    private BenchMapping() {}

    /** The mapping over the whole item table. */
    static MappingDocument full() {
        return MappingReader.readString(fullTurtle(), "bench-mapping.ttl");
    }

    /** The same mapping over the first {@code rows} items, for warming up. */
    static MappingDocument firstRows(long rows) {
        return MappingReader.readString(firstRowsTurtle(rows), "bench-warmup-mapping.ttl");
    }

    /** The Turtle of {@link #full()}, for a registry, which wants its mappings as files. */
    static String fullTurtle() {
        return turtle("rr:tableName \"" + BenchData.ITEM + "\"");
    }

    /** The Turtle of {@link #firstRows(long)}. */
    static String firstRowsTurtle(long rows) {
        return turtle("rr:sqlQuery \"SELECT * FROM " + BenchData.ITEM + " WHERE id <= " + rows + "\"");
    }

    private static String turtle(String itemTable) {
        StringBuilder t = new StringBuilder("""
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                <#Item> a rr:TriplesMap ;
                  rr:logicalTable [ %s ] ;
                  rr:subjectMap [ rr:template "%s{id}" ; rr:class <%s> ] ;
                """.formatted(itemTable, ITEM_IRI, ITEM_CLASS));
        for (String[] col : ITEM_COLUMNS) {
            t.append("  rr:predicateObjectMap [ rr:predicate <").append(col[1])
                    .append("> ; rr:objectMap [ rr:column \"").append(col[0]).append("\" ] ] ;\n");
        }
        t.append("""
                  rr:predicateObjectMap [ rr:predicate <%s> ;
                    rr:objectMap [ rr:parentTriplesMap <#Category> ;
                                   rr:joinCondition [ rr:child "category_id" ; rr:parent "id" ] ] ] .
                <#Category> a rr:TriplesMap ;
                  rr:logicalTable [ rr:tableName "%s" ] ;
                  rr:subjectMap [ rr:template "%s{id}" ; rr:class <%s> ] ;
                  rr:predicateObjectMap [ rr:predicate <%s> ; rr:objectMap [ rr:column "name" ] ] .
                """.formatted(ITEM_CATEGORY, BenchData.CATEGORY, CATEGORY_IRI, CATEGORY_CLASS, CATEGORY_NAME));
        return t.toString();
    }
}
