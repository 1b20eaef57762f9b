package fr.regie.guide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps of a guide written in Markdown: each fenced block after a {@code <!-- guide-test -->}
 * comment is a step. A shell block's {@code ./regie …} lines are commands (expected to exit 0, or
 * N with {@code exit=N}); a block marked {@code output} is what the command before it printed; a
 * block marked {@code registry} is a registry excerpt.
 */
record GuideSteps(List<Step> steps) {
    private static final Pattern MARK = Pattern.compile("<!-- guide-test(?::? (exit=(\\d+)|output|registry))? -->");

    /** One marked block: its kind, its text lines, the exit code expected of its commands, its line in the guide. */
    record Step(Kind kind, List<String> lines, int exit, int line) {
        /** The block's {@code ./regie} commands as argument lists ({@code \} continuations joined; no quoting). */
        List<List<String>> commands() {
            List<List<String>> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            for (String l : lines) {
                cur.append(l.strip());
                if (cur.toString().endsWith("\\")) {
                    cur.setLength(cur.length() - 1);
                    cur.append(' ');
                    continue;
                }
                String c = cur.toString().strip();
                cur.setLength(0);
                if (c.startsWith("./regie ")) {
                    out.add(List.of(c.substring("./regie ".length()).strip().split("\\s+")));
                }
            }
            return out;
        }
    }

    enum Kind { COMMANDS, OUTPUT, REGISTRY }

    static GuideSteps read(Path guide) throws IOException {
        List<String> all = Files.readAllLines(guide, StandardCharsets.UTF_8);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Matcher m = MARK.matcher(all.get(i).strip());
            if (!m.matches()) {
                continue;
            }
            int open = i + 1;
            while (open < all.size() && all.get(open).isBlank()) {
                open++;
            }
            if (open >= all.size() || !all.get(open).startsWith("```")) {
                throw new IllegalStateException(guide + ":" + (i + 1) + ": a guide-test mark not followed by a fenced block");
            }
            List<String> body = new ArrayList<>();
            int k = open + 1;
            for (; k < all.size() && !all.get(k).startsWith("```"); k++) {
                body.add(all.get(k));
            }
            Kind kind = m.group(1) == null || m.group(2) != null ? Kind.COMMANDS
                    : m.group(1).equals("output") ? Kind.OUTPUT : Kind.REGISTRY;
            steps.add(new Step(kind, List.copyOf(body), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), open + 1));
            i = k;
        }
        return new GuideSteps(List.copyOf(steps));
    }

    /**
     * A printed line as the guide compares it: durations ({@code 9.9 s}) masked, since they vary
     * from run to run, and runs of spaces made one (a column's padding follows the duration's width).
     */
    static String comparable(String line) {
        return line.replaceAll("\\d+(\\.\\d+)? s\\b", "T s").replaceAll("\\s+", " ").strip();
    }

    /**
     * The guide's lines that {@code actual} does not print (blank lines ignored); empty when all are there.
     * Membership, not order: the check prints its source notes in no fixed order.
     */
    static List<String> missing(List<String> expected, String actual) {
        java.util.Set<String> got = new java.util.HashSet<>(actual.lines().map(GuideSteps::comparable).toList());
        return expected.stream().filter(e -> !comparable(e).isEmpty() && !got.contains(comparable(e))).toList();
    }
}
