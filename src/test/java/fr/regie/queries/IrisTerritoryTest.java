package fr.regie.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import fr.regie.pipeline.MetaRecords;
import fr.regie.store.GraphNames;
import fr.regie.territory.TerritoryIndex;

/**
 * The IRIS of the territorial reference and the placement of records in them, on the demo store
 * built once, against {@link IrisFiles}: the INSEE IRIS table, the COG 2026 and the IGN-INSEE
 * contours read with plain Java and JTS (no mapping, no R2RML engine). Boundary rule: a point is
 * in an IRIS when the IRIS's polygon covers it (edge included, JTS {@code covers}); on an edge two
 * IRIS share, the lowest code is taken.
 */
class IrisTerritoryTest {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final String BASE = "https://regie.plaine-commune.example/";
    private static final String IGEO = "http://rdf.insee.fr/def/geo#";
    private static final String REGIE = "https://w3id.org/regie#";
    private static final String GEO = "http://www.opengis.net/ont/geosparql#";
    private static final int RANDOM_POINTS = 3000;
    private static final int VERTEX_POINTS = 500;

    @TempDir
    static Path tmp;
    private static DemoStore demo;
    private static IrisFiles files;

    @BeforeAll
    static void buildStore() throws IOException {
        files = IrisFiles.read(PROJECT);
        demo = DemoStore.build(PROJECT, tmp);
    }

    @AfterAll
    static void closeStore() {
        if (demo != null) {
            demo.close();
        }
    }

    private static Node iri(String path) {
        return NodeFactory.createURI(BASE + path);
    }

    private static Node igeo(String local) {
        return NodeFactory.createURI(IGEO + local);
    }

    private static Node regie(String local) {
        return NodeFactory.createURI(REGIE + local);
    }

    private static Node geo(String local) {
        return NodeFactory.createURI(GEO + local);
    }

    /** Every triple with the subject in the graph, as predicate → objects. */
    private static Map<Node, Set<Node>> describe(Graph g, Node s) {
        Map<Node, Set<Node>> out = new HashMap<>();
        g.find(s, Node.ANY, Node.ANY).forEachRemaining(t -> out.computeIfAbsent(t.getPredicate(), k -> new HashSet<>()).add(t.getObject()));
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // (a) The reference: every IRIS of Île-de-France with exactly the contract's triples.

    @Test
    void everyIrisOfIleDeFranceIsInTheTerritoryGraphWithTheContractsTriples() throws ParseException {
        Node territory = new GraphNames(BASE).dataset("territory");
        List<String> wrong = new ArrayList<>();
        int withGeometry = demo.store().read(() -> {
            Graph g = demo.store().dataset().getGraph(territory);
            int geometries = 0;
            for (IrisFiles.Iris row : files.iris.values()) {
                Node s = iri("id/iris/" + row.code());
                Map<Node, Set<Node>> expected = new HashMap<>();
                expected.put(RDF.Nodes.type, Set.of(igeo("IRIS")));
                expected.put(igeo("codeINSEE"), Set.of(NodeFactory.createLiteralDT(row.code(), XSDDatatype.XSDtoken)));
                expected.put(igeo("nom"), Set.of(NodeFactory.createLiteralLang(row.name(), "fr")));
                if (!row.type().equals("Z")) {
                    expected.put(igeo("typeDIRIS"), Set.of(NodeFactory.createURI("http://id.insee.fr/codes/geo/typeDIRIS/" + row.type())));
                }
                String today = files.todayOf(row.depcom()).orElse("(none)");
                expected.put(igeo("subdivisionDe"), Set.of(iri("id/commune/" + today)));
                expected.put(regie("inCommune"), Set.of(iri("id/commune/" + today)));
                switch (files.typeOf(row.depcom())) {
                    case "COMD" -> expected.put(regie("inDelegatedCommune"), Set.of(iri("id/commune-deleguee/" + row.depcom())));
                    case "COMA" -> expected.put(regie("inDelegatedCommune"), Set.of(iri("id/commune-associee/" + row.depcom())));
                    case "ARM" -> expected.put(regie("inMunicipalArrondissement"), Set.of(iri("id/arrondissement-municipal/" + row.depcom())));
                    default -> {
                        // A commune in force, or a code merged away without a commune déléguée.
                    }
                }
                Geometry contour = files.contours.get(row.code());
                if (contour != null) {
                    expected.put(geo("hasGeometry"), Set.of(iri("id/iris/" + row.code() + "/geometry")));
                }
                Map<Node, Set<Node>> actual = describe(g, s);
                if (!expected.equals(actual)) {
                    wrong.add(row.code() + ": expected " + expected + "\n   but the store has " + actual);
                    continue;
                }
                if (contour != null) {
                    Node geom = iri("id/iris/" + row.code() + "/geometry");
                    List<Triple> wkt = g.find(geom, geo("asWKT"), Node.ANY).toList();
                    boolean typed = g.contains(geom, RDF.Nodes.type, geo("Geometry"));
                    try {
                        if (!typed || wkt.size() != 1 || !wkt.get(0).getObject().getLiteralDatatypeURI().equals(GEO + "wktLiteral")
                                || !new WKTReader().read(wkt.get(0).getObject().getLiteralLexicalForm()).equalsExact(contour, 0)) {
                            wrong.add(row.code() + ": its geometry differs from the contour of the GeoJSON file: " + wkt);
                        }
                    } catch (ParseException e) {
                        wrong.add(row.code() + ": bad WKT " + e.getMessage());
                    }
                    geometries++;
                }
            }
            // No other IRIS in the graph.
            long inGraph = g.find(Node.ANY, RDF.Nodes.type, igeo("IRIS")).toList().size();
            if (inGraph != files.iris.size()) {
                wrong.add("the graph has " + inGraph + " igeo:IRIS, the file " + files.iris.size());
            }
            return geometries;
        });
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " IRIS differ");
        assertEquals(5265, files.iris.size(), "the Île-de-France rows of INSEE's 2023 table (its SOURCE note counts 5,265)");
        assertEquals(2841, files.contours.size() + files.contoursNotInReference, "every polygon of the shapefile (2,841)");
        assertEquals(files.contours.size(), withGeometry);
    }

    @Test
    void pierrefittesIrisLandInSaintDenisAndKeepTheirFormerCommune() {
        // The COG 2026 itself says so: 93059 is a commune déléguée of 93066 since 2025.
        assertEquals("COMD", files.typeOf("93059"));
        assertEquals(Optional.of("93066"), files.todayOf("93059"));
        List<IrisFiles.Iris> pierrefitte = files.iris.values().stream().filter(i -> i.depcom().equals("93059")).toList();
        assertTrue(!pierrefitte.isEmpty() && files.iris.containsKey("930590101"));
        Node territory = new GraphNames(BASE).dataset("territory");
        demo.store().read(() -> {
            Graph g = demo.store().dataset().getGraph(territory);
            for (IrisFiles.Iris i : pierrefitte) {
                Node s = iri("id/iris/" + i.code());
                assertTrue(g.contains(s, regie("inCommune"), iri("id/commune/93066")), i.code());
                assertTrue(g.contains(s, regie("inDelegatedCommune"), iri("id/commune-deleguee/93059")), i.code());
                assertTrue(g.contains(iri("id/commune-deleguee/93059"), RDF.Nodes.type, igeo("CommuneDeleguee")));
            }
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------
    // (b) Placement: every Vélib' and IDFM station of the demo, in the IRIS JTS finds.

    @Test
    void everyVelibAndIdfmStationIsInTheIrisItsPointLiesIn() {
        GraphNames graphs = new GraphNames(BASE);
        Map<String, Long> placedBy = new TreeMap<>();
        long outside = 0;
        for (String dataset : List.of("velib-stations", "idfm-gares")) {
            Map<Node, Node> expected = new HashMap<>();
            List<IrisFiles.Station> stations = dataset.equals("velib-stations") ? files.velib : files.idfm;
            for (IrisFiles.Station st : stations) {
                files.irisOf(st.lon(), st.lat()).ifPresent(code -> expected.put(iri(st.path()), iri("id/iris/" + code)));
            }
            Map<Node, Node> actual = new HashMap<>();
            List<String> twice = new ArrayList<>();
            demo.store().read(() -> {
                demo.store().dataset().find(graphs.dataset(dataset), Node.ANY, regie("inIris"), Node.ANY).forEachRemaining((Quad q) -> {
                    if (actual.put(q.getSubject(), q.getObject()) != null) {
                        twice.add(q.getSubject().toString());
                    }
                });
                return null;
            });
            assertEquals(List.of(), twice, dataset + ": records in two IRIS");
            assertEquals(expected, actual, dataset);
            assertTrue(!expected.isEmpty(), dataset + ": stations in the contours");
            placedBy.put(dataset, (long) expected.size());
            outside += stations.size() - expected.size();
        }
        assertTrue(outside > 0, "stations outside the contours (IDFM's network is wider than the Grand Paris)");
        // The run's meta record counts them.
        demo.store().read(() -> {
            for (MetaRecords.DatasetStatus st : MetaRecords.of(demo.store().dataset(), graphs, List.copyOf(placedBy.keySet()), 1)) {
                assertEquals(String.valueOf(placedBy.get(st.id())), st.recentRuns().get(0).measurements().get("recordsPlacedInIris"), st.id());
            }
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------
    // (c) Seeded points over the Grand Paris: TerritoryIndex answers as a brute-force scan does.

    @Test
    void territoryIndexFindsTheIrisABruteForceScanFinds() {
        Node territory = new GraphNames(BASE).dataset("territory");
        TerritoryIndex index = demo.store().read(() -> TerritoryIndex.of(demo.store().dataset().getGraph(territory)));
        assertEquals(files.contours.size(), index.irisCount());
        Random random = new Random(20261206L);
        double[] box = files.bbox();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < RANDOM_POINTS; i++) {
            points.add(new double[] {box[0] + random.nextDouble() * (box[2] - box[0]), box[1] + random.nextDouble() * (box[3] - box[1])});
        }
        // Vertices lie on edges, most of them shared by two IRIS: the boundary rule is tested there.
        List<Coordinate> vertices = files.vertices();
        for (int i = 0; i < VERTEX_POINTS; i++) {
            Coordinate c = vertices.get(random.nextInt(vertices.size()));
            points.add(new double[] {c.x, c.y});
        }
        List<String> wrong = new ArrayList<>();
        int inside = 0;
        for (double[] p : points) {
            Optional<Node> expected = files.irisOf(p[0], p[1]).map(code -> iri("id/iris/" + code));
            Optional<Node> actual = index.irisContaining(p[0], p[1]);
            if (!expected.equals(actual)) {
                wrong.add(p[0] + " " + p[1] + ": expected " + expected + ", index says " + actual);
            }
            inside += expected.isPresent() ? 1 : 0;
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " points differ");
        assertTrue(inside > VERTEX_POINTS && inside < points.size(), "points inside and outside the contours: " + inside);
    }

    /** What the scan finds for a point the contours cannot hold is nothing. */
    @Test
    void aPointFarFromTheGrandParisIsInNoIris() {
        Node territory = new GraphNames(BASE).dataset("territory");
        TerritoryIndex index = demo.store().read(() -> TerritoryIndex.of(demo.store().dataset().getGraph(territory)));
        Point marseille = new GeometryFactory().createPoint(new Coordinate(5.37, 43.30));
        assertEquals(Optional.empty(), files.irisOf(marseille.getX(), marseille.getY()));
        assertEquals(Optional.empty(), index.irisContaining(marseille.getX(), marseille.getY()));
    }
}
