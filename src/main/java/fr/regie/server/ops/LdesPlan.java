package fr.regie.server.ops;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;

import fr.regie.pipeline.MetaRecords;
import fr.regie.store.ChangeLog;
import fr.regie.store.ChangeMembers;
import fr.regie.store.MemberIndex;

/**
 * Where the members of a dataset's event stream are: the versions it holds (from the first of
 * the last unbroken run of versions with a patch up to the live one), the time of each, and how
 * many members each brings (one per subject its patch touched; the first version brings every
 * subject). Members are numbered in that order, version after version; page {@code p} holds
 * numbers {@code (p-1)·size} to {@code p·size - 1}. A full page never changes: the versions it
 * covers are committed and their lists of subjects are kept on disk ({@link MemberIndex}).
 * Made inside a read transaction of the store.
 */
record LdesPlan(long live, long first, List<Entry> versions, long total, int pageSize) {

    /** One version of the stream: its time (never before the one of the version before), its members. */
    record Entry(long version, String time, String token, int count) {}

    /** The live version has no patch: the stream cannot be told from the change log. */
    static final class NoPatchException extends Exception {
        private static final long serialVersionUID = 1L;

        NoPatchException(String message) {
            super(message);
        }
    }

    static LdesPlan of(Graph liveGraph, String dataset, long live, Map<Long, MetaRecords.Version> records,
                       ChangeLog log, MemberIndex index, int pageSize) throws IOException, NoPatchException {
        Set<Long> logged = new HashSet<>(log.versionsUpTo(live));
        if (live > 0 && !logged.contains(live)) {
            throw new NoPatchException("version " + live + " of '" + dataset + "' has no patch in the change log (loaded without"
                    + " one): its event stream starts with the next version that has one");
        }
        long first = live + 1;
        while (first > 1 && logged.contains(first - 1)) {
            first--;
        }
        List<Entry> versions = new ArrayList<>();
        long total = 0;
        Instant previous = Instant.EPOCH;
        for (long v = first; v <= live; v++) {
            MetaRecords.Version r = records.get(v);
            Instant t = parse(r == null ? "" : r.time()).orElse(previous);
            if (t.isBefore(previous)) {
                t = previous; // the stream's times never go back
            }
            previous = t;
            // The list of a version that starts the stream (every subject) is not the list of its patch.
            String token = (r == null || r.time().isEmpty() ? "none" : r.time()) + (v == first && first > 1 ? "-every" : "");
            int count = index.count(v, token, lister(log, liveGraph, first, live, v));
            versions.add(new Entry(v, t.toString(), token, count));
            total += count;
        }
        return new LdesPlan(live, first, List.copyOf(versions), total, pageSize);
    }

    /**
     * How the subjects of a version are listed: those its patch touched, or every subject it
     * had when it is the first of a stream whose earlier versions have no patch.
     */
    static MemberIndex.Lister lister(ChangeLog log, Graph liveGraph, long first, long live, long version) {
        return version == first && first > 1
                ? () -> ChangeMembers.everySubject(log, version, live, liveGraph)
                : () -> ChangeMembers.touched(log, version, live, liveGraph);
    }

    /** How this plan's versions are listed. */
    MemberIndex.Lister lister(ChangeLog log, Graph liveGraph, long version) {
        return lister(log, liveGraph, first, live, version);
    }

    private static java.util.Optional<Instant> parse(String time) {
        try {
            return java.util.Optional.of(Instant.parse(time));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The number of pages: the full ones and the last, which is not full, maybe empty (the one the
     * last full page leads to, where the next versions go).
     */
    long pages() {
        return total / pageSize + 1;
    }

    /** Whether page {@code p} is full: it will never change. */
    boolean full(long p) {
        return p * pageSize <= total;
    }

    /** The token of the stream's first version: a rebuilt store has another. */
    String firstToken() {
        return versions.isEmpty() ? "0" : versions.get(0).token().replaceAll("[^0-9A-Za-z]", "");
    }

    /** A member on a page, with its version's time. */
    record Slot(Entry entry, int from, int count) {}

    /** The versions page {@code p} covers and, for each, which of its members. */
    List<Slot> slots(long p) {
        long start = (p - 1) * pageSize;
        long end = Math.min(total, p * pageSize);
        List<Slot> out = new ArrayList<>();
        long offset = 0;
        for (Entry e : versions) {
            long from = Math.max(start, offset);
            long to = Math.min(end, offset + e.count());
            if (from < to) {
                out.add(new Slot(e, (int) (from - offset), (int) (to - from)));
            }
            offset += e.count();
            if (offset >= end) {
                break;
            }
        }
        return out;
    }
}
