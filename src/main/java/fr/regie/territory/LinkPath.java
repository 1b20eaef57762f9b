package fr.regie.territory;

import java.util.Map;

/**
 * How a record was placed in today's commune, in three kinds the reports count: by a code that
 * names a commune (or an arrondissement municipal) of today directly, by a code followed through
 * the COG history (a former, merged or renamed commune), or by its point in a boundary (then
 * through the history as needed). The kind is read from the path {@link Resolution#how()} gives.
 */
public enum LinkPath {
    DIRECT, THROUGH_HISTORY, BY_GEOMETRY;

    /** The kind of a path as {@link CommuneLinker#paths()} names it. */
    public static LinkPath of(String how) {
        if (how.startsWith("point in boundary")) {
            return BY_GEOMETRY;
        }
        if (how.equals("COM") || how.startsWith("arrondissement municipal")) {
            return DIRECT;
        }
        return THROUGH_HISTORY;
    }

    /** The records of {@code paths} (path → count) placed by this kind. */
    public long count(Map<String, Long> paths) {
        return paths.entrySet().stream().filter(e -> of(e.getKey()) == this).mapToLong(Map.Entry::getValue).sum();
    }
}
