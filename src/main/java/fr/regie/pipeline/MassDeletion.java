package fr.regie.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;

/**
 * The mass-deletion guard's measure of a refresh: the live triples it would delete, against the
 * live graph's size and against how far the source's row count fell. A removed triple is a
 * deletion when the patch gives its subject no other value for the same property (a changed
 * value is an update, not a deletion). A refresh deleting more than the dataset's share of the
 * live graph while the source's rows fell by less than that share is refused unless allowed:
 * the mark of a mapping, a source or a store that lost data without the partner deleting it.
 */
record MassDeletion(long deleted, long live, long rowsBefore, long rowsNow, List<Triple> samples) {
    private static final int SAMPLES = 20;

    /** Measures a difference; {@code rowsBefore} is 0 when the rows of the live version are not known. */
    static MassDeletion of(List<Triple> removed, List<Triple> added, long live, long rowsBefore, long rowsNow) {
        Set<List<Node>> updated = new HashSet<>();
        added.forEach(t -> updated.add(List.of(t.getSubject(), t.getPredicate())));
        long deleted = 0;
        List<Triple> samples = new ArrayList<>();
        for (Triple t : removed) {
            if (!updated.contains(List.of(t.getSubject(), t.getPredicate()))) {
                deleted++;
                if (samples.size() < SAMPLES) {
                    samples.add(t);
                }
            }
        }
        return new MassDeletion(deleted, live, rowsBefore, rowsNow, List.copyOf(samples));
    }

    /** The share of the live graph deleted. */
    double deletedShare() {
        return live == 0 ? 0 : (double) deleted / live;
    }

    /** How far the source's row count fell, as a share (negative when it grew; 0 when unknown). */
    double rowsFell() {
        return rowsBefore == 0 ? 0 : (double) (rowsBefore - rowsNow) / rowsBefore;
    }

    /** Whether the guard refuses this refresh at {@code share}. */
    boolean exceeds(double share) {
        return deletedShare() > share && rowsFell() < share;
    }

    /** Why the guard refused, for the run's record. */
    String message(double share) {
        return String.format(Locale.ROOT, "mass-deletion guard: the refresh would delete %,d of the %,d live triples (%.1f %%, more than %.1f %%)"
                        + " while the source's rows fell by %.1f %% (%,d to %,d); if that is right, run it again with"
                        + " --allow-mass-deletion (regie refresh) or allowMassDeletion=true (POST /admin/refresh)",
                deleted, live, 100 * deletedShare(), 100 * share, 100 * Math.max(0, rowsFell()), rowsBefore, rowsNow);
    }
}
