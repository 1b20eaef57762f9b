package fr.regie.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import fr.regie.pipeline.CheckReport;

/** A check report as the command prints it: a verdict, then one section per question. */
final class CheckText {
    private static final int SHOWN = 10;

    private CheckText() {}

    static void print(PrintWriter out, CheckReport r, Path notPlacedFile) {
        out.printf("%s: %s (%.1f s)%n", r.dataset(), r.ok() ? "a refresh would be accepted" : "a refresh would NOT be accepted",
                r.took().toMillis() / 1000.0);
        r.errors().forEach(e -> out.println("  error: " + e));
        r.sourceNotes().forEach((k, v) -> out.printf("  %s: %s%n", k, v));
        if (r.rows() == 0 && r.triples() == 0 && !r.errors().isEmpty()) {
            return;
        }
        out.printf("rows read %,d, triples %,d%n", r.rows(), r.triples());
        out.printf("records placed in a commune %,d: directly %,d, through the COG history %,d, by their point %,d; not placed %,d%n",
                r.linked(), r.linkedDirect(), r.linkedThroughHistory(), r.linkedByGeometry(), r.notPlaced());
        r.notPlacedRecords().stream().limit(SHOWN).forEach(u -> out.println("  not placed: " + u.replace('\t', ' ')));
        if (r.notPlaced() > SHOWN) {
            out.println(notPlacedFile == null ? "  (all of them: --not-placed FILE)" : "  (all of them in " + notPlacedFile + ")");
        }
        out.printf("SHACL: %s, %,d violation(s), %,d warning(s)%n", r.conforms() ? "conforms" : "does not conform", r.violations(), r.warnings());
        r.shaclExamples().stream().limit(SHOWN).forEach(x -> out.println("  e.g. " + x));
        if (r.undeclaredTerms().isEmpty()) {
            out.println("terms: every term is declared");
        } else {
            out.printf("terms no ontology or vocabulary declares (%d):%n", r.undeclaredTerms().size());
            r.undeclaredTerms().forEach(t -> out.println("  " + t));
        }
        out.printf("a refresh would add %,d triple(s), remove %,d, keep %,d%n", r.added(), r.removed(), r.unchanged());
        r.removedExamples().forEach(t -> out.println("  would remove: " + t));
    }
}
