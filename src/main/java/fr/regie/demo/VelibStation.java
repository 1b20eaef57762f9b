package fr.regie.demo;

/**
 * One Vélib' station in the feed: identity and capacity (fixed), and its availability, which
 * the walk moves. {@code total} is bikes plus free docks as the snapshot gave them, kept constant
 * (a bike taken frees a dock); six stations of the snapshot report more than their capacity,
 * and are kept as they are.
 */
record VelibStation(String code, String name, double lat, double lon, int capacity, int total, boolean installed,
                    boolean renting, boolean returning, int mechanical, int ebike, long lastReported) {

    int bikes() {
        return mechanical + ebike;
    }

    int docks() {
        return total - bikes();
    }

    /** The station after {@code delta} bikes of one kind arrived (positive) or left, within what it can hold. */
    VelibStation move(boolean electric, int delta, long at) {
        int kind = electric ? ebike : mechanical;
        int moved = delta > 0 ? Math.min(delta, Math.min(capacity, total) - bikes()) : -Math.min(-delta, kind);
        if (moved == 0) {
            return this;
        }
        return new VelibStation(code, name, lat, lon, capacity, total, installed, renting, returning,
                electric ? mechanical : mechanical + moved, electric ? ebike + moved : ebike, at);
    }
}
