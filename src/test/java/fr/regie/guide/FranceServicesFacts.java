package fr.regie.guide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the France services CSV and INSEE's COG files say, read with a small RFC 4180 parser of
 * this test's own (not Régie's readers): the records, and where each declared commune code should
 * land — in force (a commune or a municipal arrondissement), an old code the COG history moves, or
 * no commune at all.
 */
record FranceServicesFacts(List<Map<String, String>> records, Set<String> inForce, Map<String, String> movedTo,
                           Map<String, String> communeNames) {
    static final Path CSV = Path.of("examples/plaine-commune/france-services/data/liste-fs-20240801.csv");
    static final Path COG = Path.of("reference/insee/data");

    static FranceServicesFacts read() throws IOException {
        Set<String> inForce = new HashSet<>();
        Map<String, String> names = new HashMap<>();
        for (Map<String, String> c : parse(COG.resolve("communes.csv"))) {
            if (c.get("TYPECOM").equals("COM") || c.get("TYPECOM").equals("ARM")) {
                inForce.add(c.get("COM"));
            }
            if (c.get("TYPECOM").equals("COM")) {
                names.put(c.get("COM"), c.get("LIBELLE"));
            }
        }
        // An old code → the commune in force it became (the latest change to another commune code).
        Map<String, String> moved = new HashMap<>();
        Map<String, String> when = new HashMap<>();
        for (Map<String, String> m : parse(COG.resolve("mouvements-communes.csv"))) {
            String before = m.get("COM_AV");
            String after = m.get("COM_AP");
            if (m.get("TYPECOM_AP").equals("COM") && !after.equals(before) && !inForce.contains(before)
                    && m.get("DATE_EFF").compareTo(when.getOrDefault(before, "")) >= 0) {
                moved.put(before, after);
                when.put(before, m.get("DATE_EFF"));
            }
        }
        return new FranceServicesFacts(parse(CSV), inForce, moved, names);
    }

    long count(java.util.function.Predicate<Map<String, String>> p) {
        return records.stream().filter(p).count();
    }

    long direct() {
        return count(r -> inForce.contains(r.get("insee_com")));
    }

    long throughHistory() {
        return count(r -> !inForce.contains(r.get("insee_com")) && inForce.contains(movedTo.getOrDefault(r.get("insee_com"), "")));
    }

    long notPlaced() {
        return records.size() - direct() - throughHistory();
    }

    /** In Seine-Saint-Denis: (today's commune name, declared code) → sites, as the guide's query groups them. */
    Map<String, Long> inSeineSaintDenis() {
        Map<String, Long> out = new TreeMap<>();
        for (Map<String, String> r : records) {
            String code = r.get("insee_com");
            if (code.startsWith("93")) {
                String today = inForce.contains(code) ? code : movedTo.get(code);
                out.merge(communeNames.get(today) + "," + code, 1L, Long::sum);
            }
        }
        return out;
    }

    /** RFC 4180: quoted fields may hold the delimiter, line breaks and doubled quotes. */
    static List<Map<String, String>> parse(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(f.toString());
                f.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(f.toString());
                f.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                f.append(c);
            }
        }
        if (!f.isEmpty() || !row.isEmpty()) {
            row.add(f.toString());
            rows.add(row);
        }
        List<String> header = rows.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            if (r.size() != header.size()) {
                throw new IllegalStateException(file + ": a record of " + r.size() + " fields, the header has " + header.size());
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int k = 0; k < header.size(); k++) {
                m.put(header.get(k), r.get(k));
            }
            out.add(m);
        }
        return out;
    }
}
