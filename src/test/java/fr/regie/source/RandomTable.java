package fr.regie.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated table (the model the readers are compared with): unique header names, rows of
 * cell texts drawn from an alphabet that holds what breaks readers (delimiters, quotes, line
 * breaks, spaces at the ends, accents), and smaller versions of itself for shrinking.
 */
record RandomTable(List<String> header, List<List<String>> rows) {
    /** Characters a cell may hold besides letters; each encoding can write them all. */
    static final String HARD = ";,\t|\"\n '";

    static RandomTable generate(Random r, String accents) {
        int cols = 2 + r.nextInt(5);
        List<String> header = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            header.add("col" + c + (r.nextBoolean() ? "_" + accent(r, accents) : ""));
        }
        List<List<String>> rows = new ArrayList<>();
        int n = r.nextInt(25);
        for (int i = 0; i < n; i++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < cols; c++) {
                row.add(cell(r, accents));
            }
            rows.add(row);
        }
        return new RandomTable(header, rows);
    }

    private static String cell(Random r, String accents) {
        if (r.nextInt(6) == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int len = 1 + r.nextInt(8);
        for (int i = 0; i < len; i++) {
            int k = r.nextInt(10);
            if (k < 5) {
                sb.append((char) ('a' + r.nextInt(26)));
            } else if (k < 7) {
                sb.append(HARD.charAt(r.nextInt(HARD.length())));
            } else if (k < 8) {
                sb.append(r.nextBoolean() ? "\r\n" : "12,5");
            } else {
                sb.append(accent(r, accents));
            }
        }
        return sb.toString();
    }

    /** One of the accented characters (a code point: some are two chars). */
    private static String accent(Random r, String accents) {
        int[] cps = accents.codePoints().toArray();
        return Character.toString(cps[r.nextInt(cps.length)]);
    }

    /** Smaller tables: a row less, a column less, a cell emptied or cut in half. */
    List<RandomTable> smaller() {
        List<RandomTable> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<List<String>> rs = new ArrayList<>(rows);
            rs.remove(i);
            out.add(new RandomTable(header, rs));
        }
        if (header.size() > 2) {
            for (int c = 0; c < header.size(); c++) {
                int drop = c;
                List<String> h = new ArrayList<>(header);
                h.remove(drop);
                out.add(new RandomTable(h, rows.stream().map(row -> {
                    List<String> x = new ArrayList<>(row);
                    x.remove(drop);
                    return (List<String>) x;
                }).toList()));
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < header.size(); c++) {
                String v = rows.get(i).get(c);
                if (!v.isEmpty()) {
                    out.add(withCell(i, c, v.substring(0, v.length() / 2)));
                    out.add(withCell(i, c, v.substring(v.length() / 2 + (v.length() == 1 ? 1 : 0))));
                }
            }
        }
        return out;
    }

    private RandomTable withCell(int i, int c, String v) {
        List<List<String>> rs = new ArrayList<>(rows);
        List<String> row = new ArrayList<>(rs.get(i));
        row.set(c, v);
        rs.set(i, row);
        return new RandomTable(header, rs);
    }
}
