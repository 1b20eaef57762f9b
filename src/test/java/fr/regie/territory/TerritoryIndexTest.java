package fr.regie.territory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;

/**
 * Resolution of declared commune codes and points against a small territory written as
 * mappings/insee produces it: Saint-Denis absorbed Pierrefitte (2025), Pierrefitte was 75059
 * before 1968, Paris has arrondissements, two 2018 boundaries.
 */
class TerritoryIndexTest {
    static final String B = "https://t.example/";
    static final String TERRITORY = """
            @prefix igeo: <http://rdf.insee.fr/def/geo#> .
            @prefix regie: <https://w3id.org/regie#> .
            @prefix geo: <http://www.opengis.net/ont/geosparql#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            @base <https://t.example/> .
            <id/commune/93066> a igeo:Commune ; igeo:codeINSEE "93066"^^xsd:token .
            <id/commune/93001> a igeo:Commune ; igeo:codeINSEE "93001"^^xsd:token .
            <id/commune/75056> a igeo:Commune ; igeo:codeINSEE "75056"^^xsd:token .
            <id/commune-deleguee/93059> a igeo:CommuneDeleguee ; igeo:codeINSEE "93059"^^xsd:token ;
                igeo:subdivisionDirecteDe <id/commune/93066> .
            <id/commune-deleguee/93066> a igeo:CommuneDeleguee ; igeo:codeINSEE "93066"^^xsd:token ;
                igeo:subdivisionDirecteDe <id/commune/93066> .
            <id/arrondissement-municipal/75116> a igeo:ArrondissementMunicipal ; igeo:codeINSEE "75116"^^xsd:token ;
                igeo:subdivisionDirecteDe <id/commune/75056> .
            <id/change/1> a regie:CommuneChange ; regie:effectiveDate "1968-01-01"^^xsd:date ;
                regie:codeBefore "75059" ; regie:typeAfter "COM" ; regie:codeAfter "93059" .
            <id/change/2> a regie:CommuneChange ; regie:effectiveDate "2025-01-01"^^xsd:date ;
                regie:codeBefore "93059" ; regie:typeAfter "COM" ; regie:codeAfter "93066" .
            <id/change/3> a regie:CommuneChange ; regie:effectiveDate "2025-01-01"^^xsd:date ;
                regie:codeBefore "93059" ; regie:typeAfter "COMD" ; regie:codeAfter "93059" .
            <id/boundary/2018/93059> a regie:Boundary ; igeo:codeINSEE "93059"^^xsd:token ;
                geo:hasGeometry <id/boundary/2018/93059/geometry> .
            <id/boundary/2018/93059/geometry> geo:asWKT "POLYGON ((2.3 48.9, 2.4 48.9, 2.4 49.0, 2.3 49.0, 2.3 48.9))"^^geo:wktLiteral .
            <id/boundary/2018/93001> a regie:Boundary ; igeo:codeINSEE "93001"^^xsd:token ;
                geo:hasGeometry <id/boundary/2018/93001/geometry> .
            <id/boundary/2018/93001/geometry> geo:asWKT "POLYGON ((2.4 48.9, 2.5 48.9, 2.5 49.0, 2.4 49.0, 2.4 48.9))"^^geo:wktLiteral .
            """;

    static Graph territory() {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(TERRITORY, Lang.TURTLE).parse(g);
        return g;
    }

    static Node iri(String path) {
        return NodeFactory.createURI(B + path);
    }

    private final TerritoryIndex idx = TerritoryIndex.of(territory());

    @Test
    void communeInForce() {
        Resolution r = idx.resolve("93066").orElseThrow();
        assertEquals(iri("id/commune/93066"), r.commune());
        assertEquals(Optional.empty(), r.delegated());
        assertEquals("COM", r.how());
    }

    @Test
    void formerCommuneLandsOnTodaysCommuneAndKeepsItsHistory() {
        Resolution r = idx.resolve("93059").orElseThrow();
        assertEquals(iri("id/commune/93066"), r.commune());
        assertEquals(Optional.of(iri("id/commune-deleguee/93059")), r.delegated());
    }

    @Test
    void olderCodesFollowTheHistory() {
        Resolution r = idx.resolve("75059").orElseThrow();
        assertEquals(iri("id/commune/93066"), r.commune());
        assertTrue(r.how().startsWith("history 75059"), r.how());
    }

    @Test
    void arrondissementRollsUpToItsCommune() {
        Resolution r = idx.resolve("75116").orElseThrow();
        assertEquals(iri("id/commune/75056"), r.commune());
        assertEquals(Optional.of(iri("id/arrondissement-municipal/75116")), r.arrondissement());
    }

    @Test
    void unknownCodesResolveToNothing() {
        assertEquals(Optional.empty(), idx.resolve("98735"));
        assertEquals(Optional.empty(), idx.resolve("9306"));
        assertEquals(Optional.empty(), idx.resolve(null));
    }

    @Test
    void pointsAreFoundInTheirBoundary() {
        assertEquals(Optional.of("93059"), idx.boundaryContaining(2.35, 48.95));
        assertEquals(Optional.of("93001"), idx.boundaryContaining(2.45, 48.95));
        assertEquals(Optional.empty(), idx.boundaryContaining(2.0, 48.0));
    }

    private static StreamRDF collector(List<Triple> out) {
        return new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                out.add(t);
            }
        };
    }

    @Test
    void linkerPlacesRecordsByCodeAndReportsTheRest() {
        List<Triple> out = new ArrayList<>();
        CommuneLinker linker = new CommuneLinker(collector(out), idx, LinkMethod.COMMUNE_CODE);
        linker.triple(Triple.create(iri("s/1"), Vocab.communeCode, NodeFactory.createLiteralString("93059")));
        linker.triple(Triple.create(iri("s/2"), Vocab.communeCode, NodeFactory.createLiteralString("12345")));
        assertTrue(out.contains(Triple.create(iri("s/1"), Vocab.inCommune, iri("id/commune/93066"))));
        assertTrue(out.contains(Triple.create(iri("s/1"), Vocab.inDelegatedCommune, iri("id/commune-deleguee/93059"))));
        assertEquals(1, linker.linked());
        assertEquals(1, linker.unmatchedCount());
        assertEquals(iri("s/2"), linker.unmatched().get(0).subject());
        assertTrue(linker.unmatched().get(0).reason().contains("\"12345\" matches no commune"));
        assertEquals(4, out.size(), "two records in, their two codes passed through, two links added");
        assertTrue(out.contains(Triple.create(iri("s/2"), Vocab.communeCode, NodeFactory.createLiteralString("12345"))),
                "the unmatched record passes through untouched");
    }

    @Test
    void linkerPlacesPointsThroughTheHistory() {
        List<Triple> out = new ArrayList<>();
        CommuneLinker linker = new CommuneLinker(collector(out), idx, LinkMethod.GEOMETRY);
        linker.triple(Triple.create(iri("st/1"), Vocab.hasGeometry, iri("st/1/geometry")));
        linker.triple(Triple.create(iri("st/1/geometry"), Vocab.asWKT,
                NodeFactory.createLiteralDT("POINT(2.35 48.95)", org.apache.jena.datatypes.TypeMapper.getInstance()
                        .getSafeTypeByName(Vocab.wktLiteral.getURI()))));
        assertTrue(out.contains(Triple.create(iri("st/1"), Vocab.inCommune, iri("id/commune/93066"))),
                "2018's Pierrefitte lies in today's Saint-Denis");
        assertEquals(1, linker.linked());
    }

    /** Two IRIS of 93059 sharing the edge lon 2.35, one with no contour, and the territory above. */
    static final String IRIS = """
            @prefix igeo: <http://rdf.insee.fr/def/geo#> .
            @prefix regie: <https://w3id.org/regie#> .
            @prefix geo: <http://www.opengis.net/ont/geosparql#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            @base <https://t.example/> .
            <id/iris/930590102> a igeo:IRIS ; igeo:codeINSEE "930590102"^^xsd:token ; geo:hasGeometry <id/iris/930590102/geometry> .
            <id/iris/930590102/geometry> geo:asWKT "POLYGON ((2.35 48.9, 2.4 48.9, 2.4 49.0, 2.35 49.0, 2.35 48.9))"^^geo:wktLiteral .
            <id/iris/930590101> a igeo:IRIS ; igeo:codeINSEE "930590101"^^xsd:token ; geo:hasGeometry <id/iris/930590101/geometry> .
            <id/iris/930590101/geometry> geo:asWKT "POLYGON ((2.3 48.9, 2.35 48.9, 2.35 49.0, 2.3 49.0, 2.3 48.9))"^^geo:wktLiteral .
            <id/iris/930590103> a igeo:IRIS ; igeo:codeINSEE "930590103"^^xsd:token .
            """;

    private static TerritoryIndex withIris() {
        Graph g = territory();
        RDFParser.fromString(IRIS, Lang.TURTLE).parse(g);
        return TerritoryIndex.of(g);
    }

    private static Node wkt(String text) {
        return NodeFactory.createLiteralDT(text, org.apache.jena.datatypes.TypeMapper.getInstance().getSafeTypeByName(Vocab.wktLiteral.getURI()));
    }

    private static void record(CommuneLinker l, String s, String code, String point) {
        if (code != null) {
            l.triple(Triple.create(iri(s), Vocab.communeCode, NodeFactory.createLiteralString(code)));
        }
        l.triple(Triple.create(iri(s), Vocab.hasGeometry, iri(s + "/geometry")));
        l.triple(Triple.create(iri(s + "/geometry"), Vocab.asWKT, wkt(point)));
    }

    @Test
    void irisContoursAreIndexedAndAnEdgeGoesToTheLowestCode() {
        TerritoryIndex i = withIris();
        assertEquals(2, i.irisCount(), "the IRIS without a contour is not indexed");
        assertEquals(Optional.of(iri("id/iris/930590101")), i.irisContaining(2.32, 48.95));
        assertEquals(Optional.of(iri("id/iris/930590102")), i.irisContaining(2.38, 48.95));
        assertEquals(Optional.of(iri("id/iris/930590101")), i.irisContaining(2.35, 48.95), "on the shared edge: both cover it");
        assertEquals(Optional.of(iri("id/iris/930590102")), i.irisContaining(2.4, 48.95), "an outer edge is in the IRIS");
        assertEquals(Optional.empty(), i.irisContaining(2.45, 48.95));
        assertEquals(0, idx.irisCount(), "a territory without IRIS");
    }

    @Test
    void everyLinkMethodButNonePlacesPointsInTheirIris() {
        TerritoryIndex i = withIris();
        List<Triple> out = new ArrayList<>();
        CommuneLinker byCode = new CommuneLinker(collector(out), i, LinkMethod.COMMUNE_CODE);
        record(byCode, "v/1", "93066", "POINT(2.38 48.95)");
        record(byCode, "v/2", "93001", "POINT(2.45 48.95)");
        record(byCode, "v/3", "93066", "POLYGON ((2.3 48.9, 2.31 48.9, 2.31 48.91, 2.3 48.9))");
        assertTrue(out.contains(Triple.create(iri("v/1"), Vocab.inIris, iri("id/iris/930590102"))));
        assertEquals(1, out.stream().filter(t -> t.getPredicate().equals(Vocab.inIris)).count(), out.toString());
        assertEquals(1, byCode.irisPlaced());
        assertEquals(3, byCode.linked(), "the declared codes place all three in communes");
        assertEquals(0, byCode.unmatchedCount(), "a point outside the contours, or a polygon, is not an error when the code places the record");

        out.clear();
        CommuneLinker byPoint = new CommuneLinker(collector(out), i, LinkMethod.GEOMETRY);
        record(byPoint, "st/1", null, "POINT(2.32 48.95)");
        record(byPoint, "st/2", null, "POINT(2.45 48.95)");
        assertTrue(out.contains(Triple.create(iri("st/1"), Vocab.inIris, iri("id/iris/930590101"))));
        assertTrue(out.contains(Triple.create(iri("st/1"), Vocab.inCommune, iri("id/commune/93066"))));
        assertTrue(out.contains(Triple.create(iri("st/2"), Vocab.inCommune, iri("id/commune/93001"))));
        assertEquals(1, byPoint.irisPlaced());
        assertEquals(2, byPoint.linked());

        out.clear();
        CommuneLinker none = new CommuneLinker(collector(out), i, LinkMethod.NONE);
        record(none, "r/1", "93066", "POINT(2.32 48.95)");
        assertEquals(0, none.irisPlaced());
        assertEquals(3, out.size(), "passed through untouched");
    }
}
