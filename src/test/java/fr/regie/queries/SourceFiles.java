package fr.regie.queries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.source.CsvReader;
import fr.regie.source.RecordSource;
import fr.regie.source.XlsxSheet;

/**
 * The facts the analyst queries are checked against, read straight from the files Régie loads
 * (reference/insee/data, examples/plaine-commune/&lt;partner&gt;/data), with plain Java: no mapping,
 * no R2RML engine, no RDF. The rules (which commune a code lands in, how Paris's population is
 * formed, which station a point lies in) are re-implemented here from the files and their
 * SOURCE notes, so that a query and this class agree only if both follow the documented rules.
 * Only the project's file readers ({@link CsvReader}, {@link XlsxSheet}) are shared.
 */
final class SourceFiles {
    static final String PLAINE_COMMUNE = "200057867";
    static final String SEINE_SAINT_DENIS = "93";
    static final String ILE_DE_FRANCE = "11";
    /** INSEE's "no EPT" code in ept.xlsx. */
    private static final String NO_EPT = "ZZZZZZZZZ";

    private static volatile SourceFiles instance;

    final Path root;
    final Reference reference;
    final Partners partners;

    private SourceFiles(Path root) {
        this.root = root;
        try {
            this.reference = new Reference(root.resolve("reference/insee/data"));
            this.partners = new Partners(root.resolve("examples/plaine-commune"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Read once for all tests. */
    static SourceFiles get(Path projectDir) {
        SourceFiles s = instance;
        if (s == null) {
            synchronized (SourceFiles.class) {
                s = instance;
                if (s == null) {
                    s = new SourceFiles(projectDir);
                    instance = s;
                }
            }
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------
    // Reading helpers

    /** A table read whole: header names → column index, and the rows (cells trimmed). */
    record Table(Map<String, Integer> columns, List<List<String>> rows) {
        String get(List<String> row, String column) {
            Integer i = columns.get(column);
            if (i == null) {
                throw new IllegalArgumentException("no column " + column + " in " + columns.keySet());
            }
            return i < row.size() ? row.get(i) : "";
        }
    }

    static Table csv(Path file) throws IOException {
        try (CsvReader r = CsvReader.open(file, StandardCharsets.UTF_8)) {
            return table(r.header(), r);
        }
    }

    static Table xlsx(Path file, String sheet, int headerRow) throws IOException {
        List<String> header;
        try (XlsxSheet h = XlsxSheet.open(file, sheet, headerRow - 1)) {
            header = h.next();
        }
        try (XlsxSheet r = XlsxSheet.open(file, sheet, headerRow)) {
            return table(header, r);
        }
    }

    private static Table table(List<String> header, RecordSource records) throws IOException {
        Map<String, Integer> cols = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            cols.put(header.get(i).strip(), i);
        }
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row = records.next(); row != null; row = records.next()) {
            rows.add(row.stream().map(String::strip).toList());
        }
        return new Table(cols, rows);
    }

    private static Long integer(String s) {
        return s == null || s.isBlank() ? null : Long.valueOf(s.strip());
    }

    // ------------------------------------------------------------------------------------------
    // The territorial reference

    record Commune(String code, String name, String dep, String reg) {}

    /** A 2018 IGN boundary: its 2018 code and name, and its outline. */
    record Boundary(String code, String name, Geometry geometry) {}

    static final class Reference {
        /** Communes in force (COG 2026, TYPECOM = COM), by code. */
        final Map<String, Commune> communes = new HashMap<>();
        /** COMD, COMA and ARM codes that are not themselves communes → their COMPARENT. */
        final Map<String, String> parentOf = new HashMap<>();
        /** ARM code → its commune (Paris, Lyon, Marseille). */
        final Map<String, String> arrondissementOf = new HashMap<>();
        /** COG history: code before → its changes (date, code after, type after). */
        final Map<String, List<String[]>> history = new HashMap<>();
        /** Population municipale 2023 of each commune in force. */
        final Map<String, Long> population = new HashMap<>();
        /** Commune code → EPT SIREN (ept.xlsx 2025). */
        final Map<String, String> eptOf = new HashMap<>();
        final Map<String, String> eptNames = new LinkedHashMap<>();
        final Map<String, String> depNames = new HashMap<>();
        final Map<String, String> regNames = new HashMap<>();
        final List<Boundary> boundaries = new ArrayList<>();

        Reference(Path data) throws IOException {
            Table cog = csv(data.resolve("communes.csv"));
            for (List<String> r : cog.rows()) {
                String type = cog.get(r, "TYPECOM");
                String code = cog.get(r, "COM");
                if (type.equals("COM")) {
                    communes.put(code, new Commune(code, cog.get(r, "LIBELLE"), cog.get(r, "DEP"), cog.get(r, "REG")));
                }
            }
            for (List<String> r : cog.rows()) {
                String type = cog.get(r, "TYPECOM");
                String code = cog.get(r, "COM");
                if (!type.equals("COM") && !communes.containsKey(code)) {
                    parentOf.put(code, cog.get(r, "COMPARENT"));
                }
                if (type.equals("ARM")) {
                    arrondissementOf.put(code, cog.get(r, "COMPARENT"));
                }
            }
            Table moves = csv(data.resolve("mouvements-communes.csv"));
            for (List<String> r : moves.rows()) {
                String before = moves.get(r, "COM_AV");
                String after = moves.get(r, "COM_AP");
                if (!before.isEmpty() && !after.isEmpty()) {
                    history.computeIfAbsent(before, k -> new ArrayList<>())
                            .add(new String[] {moves.get(r, "DATE_EFF"), after, moves.get(r, "TYPECOM_AP")});
                }
            }
            history.values().forEach(l -> l.sort(Comparator.comparing((String[] c) -> c[0]).reversed()));

            // Populations légales 2023: communes as they are; Paris, Lyon and Marseille appear only
            // by arrondissement municipal, so their commune is the sum of its arrondissements.
            Table pop = csv(data.resolve("donnees_communes.csv"));
            for (List<String> r : pop.rows()) {
                String code = pop.get(r, "COM");
                long pmun = integer(pop.get(r, "PMUN"));
                String commune = communes.containsKey(code) ? code : arrondissementOf.get(code);
                if (commune != null) {
                    population.merge(commune, pmun, Long::sum);
                }
            }
            // Mayotte's file has no COM: the code is 97 followed by CODCOM (976 + 01 → 97601).
            Table mayotte = csv(data.resolve("donnees_communes_mayotte.csv"));
            for (List<String> r : mayotte.rows()) {
                String code = "97" + mayotte.get(r, "CODCOM");
                if (communes.containsKey(code)) {
                    population.merge(code, integer(mayotte.get(r, "PMUN")), Long::sum);
                }
            }

            Table epts = xlsx(data.resolve("ept.xlsx"), "EPT", 6);
            for (List<String> r : epts.rows()) {
                if (!epts.get(r, "EPT").equals(NO_EPT)) {
                    eptNames.put(epts.get(r, "EPT"), epts.get(r, "LIBEPT"));
                }
            }
            Table members = xlsx(data.resolve("ept.xlsx"), "Composition_communale", 6);
            for (List<String> r : members.rows()) {
                String ept = members.get(r, "EPT");
                if (!ept.equals(NO_EPT)) {
                    eptOf.put(members.get(r, "CODGEO"), ept);
                }
            }
            Table deps = csv(data.resolve("departements.csv"));
            deps.rows().forEach(r -> depNames.put(deps.get(r, "DEP"), deps.get(r, "LIBELLE")));
            Table regs = csv(data.resolve("regions.csv"));
            regs.rows().forEach(r -> regNames.put(regs.get(r, "REG"), regs.get(r, "LIBELLE")));

            readBoundaries(data.resolve("communes-ile-de-france.geojson"));
        }

        /** IGN 2018 outlines, GeoJSON (lon, lat), turned into JTS polygons here. */
        private void readBoundaries(Path file) throws IOException {
            GeometryFactory gf = new GeometryFactory();
            JsonNode fc = new ObjectMapper().readTree(file.toFile());
            for (JsonNode f : fc.get("features")) {
                JsonNode g = f.get("geometry");
                String type = g.get("type").asText();
                Geometry geom;
                if (type.equals("Polygon")) {
                    geom = polygon(gf, g.get("coordinates"));
                } else if (type.equals("MultiPolygon")) {
                    List<Polygon> parts = new ArrayList<>();
                    for (JsonNode p : g.get("coordinates")) {
                        parts.add(polygon(gf, p));
                    }
                    geom = gf.createMultiPolygon(parts.toArray(Polygon[]::new));
                } else {
                    throw new IOException(file + ": unexpected geometry " + type);
                }
                JsonNode props = f.get("properties");
                boundaries.add(new Boundary(props.get("code").asText(), props.get("nom").asText(), geom));
            }
        }

        private static Polygon polygon(GeometryFactory gf, JsonNode rings) {
            List<LinearRing> rs = new ArrayList<>();
            for (JsonNode ring : rings) {
                Coordinate[] cs = new Coordinate[ring.size()];
                for (int i = 0; i < ring.size(); i++) {
                    cs[i] = new Coordinate(ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble());
                }
                rs.add(gf.createLinearRing(cs));
            }
            return gf.createPolygon(rs.get(0), rs.subList(1, rs.size()).toArray(LinearRing[]::new));
        }

        /**
         * Today's commune of a declared code: a commune in force is itself; a commune déléguée or
         * associée, or an arrondissement municipal, is its COMPARENT (93059 → 93066); any other
         * code follows the COG history (mouvements), the most recent change to another code first,
         * a change to a commune (COM) preferred.
         */
        Optional<String> resolve(String declared) {
            if (declared == null || declared.isBlank()) {
                return Optional.empty();
            }
            String code = declared.strip().toUpperCase(Locale.ROOT);
            Set<String> seen = new HashSet<>();
            while (seen.add(code)) {
                if (communes.containsKey(code)) {
                    return Optional.of(code);
                }
                String parent = parentOf.get(code);
                if (parent != null && communes.containsKey(parent)) {
                    return Optional.of(parent);
                }
                String next = null;
                List<String[]> changes = history.getOrDefault(code, List.of());
                for (String[] c : changes) {
                    if (!c[1].equals(code) && c[2].equals("COM")) {
                        next = c[1];
                        break;
                    }
                }
                if (next == null) {
                    for (String[] c : changes) {
                        if (!c[1].equals(code)) {
                            next = c[1];
                            break;
                        }
                    }
                }
                if (next == null) {
                    return Optional.empty();
                }
                code = next;
            }
            return Optional.empty();
        }

        /** Today's commune of a 2018 boundary code: the commune itself, or the commune it became part of. */
        Optional<String> todayOfBoundary(String code2018) {
            if (communes.containsKey(code2018)) {
                return Optional.of(code2018);
            }
            String parent = parentOf.get(code2018);
            return parent != null && communes.containsKey(parent) ? Optional.of(parent) : Optional.empty();
        }

        /**
         * The 2018 boundary a point lies in (boundary included, like GeoSPARQL's sfWithin on a
         * closed polygon's edge as Régie documents it), the lowest code when two share an edge.
         */
        Optional<Boundary> boundaryOf(double lon, double lat) {
            Point p = new GeometryFactory().createPoint(new Coordinate(lon, lat));
            return boundaries.stream().filter(b -> b.geometry().covers(p)).min(Comparator.comparing(Boundary::code));
        }

        /** Communes in force of a département / région / EPT. */
        List<String> communesOfDep(String dep) {
            return communes.values().stream().filter(c -> c.dep().equals(dep)).map(Commune::code).sorted().toList();
        }

        List<String> communesOfReg(String reg) {
            return communes.values().stream().filter(c -> c.reg().equals(reg)).map(Commune::code).sorted().toList();
        }

        List<String> communesOfEpt(String ept) {
            return eptOf.entrySet().stream().filter(e -> e.getValue().equals(ept) && communes.containsKey(e.getKey()))
                    .map(Map.Entry::getKey).sorted().toList();
        }

        long population(List<String> communeCodes) {
            return communeCodes.stream().mapToLong(c -> population.getOrDefault(c, 0L)).sum();
        }
    }

    // ------------------------------------------------------------------------------------------
    // The demo partners

    /** A Vélib' station; lon and lat from its "lat, lon" field (every station has one). */
    record VelibStation(String code, String communeCode, long docks, double lon, double lat) {}

    /** An SNCF station; lon and lat are null for the 7 stations without a position. */
    record SncfStation(String id, String name, String communeCode, List<String> uics, Double lon, Double lat) {}

    /** One IDFM zone d'arrêt: its name and point (from its row with the lowest gares_id) and its modes. */
    record IdfmStation(String zda, String name, double lon, double lat, Set<String> modes) {}

    static final class Partners {
        final List<VelibStation> velib = new ArrayList<>();
        final List<SncfStation> sncf = new ArrayList<>();
        /** UIC code → year → Total Voyageurs of the year (empty cells left out). */
        final Map<String, Map<Integer, Long>> ridership = new HashMap<>();
        /** The festivals' declared "Code Insee commune", one per row, as typed. */
        final List<String> festivalCodes = new ArrayList<>();
        final Map<String, IdfmStation> idfm = new LinkedHashMap<>();

        Partners(Path examples) throws IOException {
            Table v = csv(examples.resolve("velib/data/velib_station.csv"));
            for (List<String> r : v.rows()) {
                Long docks = integer(v.get(r, "Capacité de la station"));
                String[] latLon = v.get(r, "Coordonnées géographiques").split(",");
                velib.add(new VelibStation(v.get(r, "Identifiant station"), v.get(r, "Code INSEE communes équipées"),
                        docks == null ? 0 : docks, Double.parseDouble(latLon[1].strip()), Double.parseDouble(latLon[0].strip())));
            }
            Table g = csv(examples.resolve("sncf/data/sncf_gare.csv"));
            for (List<String> r : g.rows()) {
                List<String> uics = new ArrayList<>();
                for (String u : g.get(r, "Code(s) UIC").split(";")) {
                    if (!u.isBlank()) {
                        uics.add(u.strip());
                    }
                }
                String position = g.get(r, "Position géographique");
                Double lon = null;
                Double lat = null;
                if (!position.isEmpty()) {
                    String[] latLon = position.split(",");
                    lat = Double.valueOf(latLon[0].strip());
                    lon = Double.valueOf(latLon[1].strip());
                }
                sncf.add(new SncfStation(g.get(r, "id"), g.get(r, "Nom"), g.get(r, "Code commune"), uics, lon, lat));
            }
            Table f = csv(examples.resolve("sncf/data/sncf_frequentation.csv"));
            for (List<String> r : f.rows()) {
                Map<Integer, Long> years = new HashMap<>();
                for (int y = 2015; y <= 2024; y++) {
                    Long n = integer(f.get(r, "Total Voyageurs " + y));
                    if (n != null) {
                        years.put(y, n);
                    }
                }
                ridership.put(f.get(r, "Code UIC"), years);
            }
            Table fest = csv(examples.resolve("culture/data/festival.csv"));
            for (List<String> r : fest.rows()) {
                festivalCodes.add(fest.get(r, "Code Insee commune"));
            }
            Table idf = csv(examples.resolve("idfm/data/idfm_gare.csv"));
            Map<String, Integer> lowest = new HashMap<>();
            Map<String, Set<String>> modes = new HashMap<>();
            Map<String, List<String>> chosen = new HashMap<>();
            for (List<String> r : idf.rows()) {
                String zda = idf.get(r, "id_ref_ZdA");
                int id = Integer.parseInt(idf.get(r, "gares_id"));
                modes.computeIfAbsent(zda, k -> new TreeSet<>()).add(idf.get(r, "mode"));
                if (!lowest.containsKey(zda) || id < lowest.get(zda)) {
                    lowest.put(zda, id);
                    chosen.put(zda, r);
                }
            }
            for (Map.Entry<String, List<String>> e : chosen.entrySet()) {
                List<String> r = e.getValue();
                String[] latLon = idf.get(r, "Geo Point").split(",");
                idfm.put(e.getKey(), new IdfmStation(e.getKey(), idf.get(r, "nom_ZdA"),
                        Double.parseDouble(latLon[1].strip()), Double.parseDouble(latLon[0].strip()), modes.get(e.getKey())));
            }
        }
    }

    /**
     * The festival rule of the culture mapping, as its SOURCE note documents it: the ministry's
     * spreadsheet dropped the leading zero of départements 01-09, so a 4-character code gets its
     * '0' back ('9306' is 09306, Tarascon-sur-Ariège, not a 93 code); '0' and '#N/A' are not codes.
     */
    static Optional<String> festivalCode(String typed) {
        String s = typed == null ? "" : typed.strip();
        if (s.isEmpty() || s.equals("0") || s.equals("#N/A")) {
            return Optional.empty();
        }
        return Optional.of(s.length() == 4 ? "0" + s : s);
    }
}
