package fr.regie.source;

import java.util.List;

/**
 * FNV-1a (64 bits) over a record's cells: each cell's characters, then its length, so that
 * {@code ["ab", "c"]} and {@code ["a", "bc"]} differ. The same record hashes the same from one
 * run (and one JVM) to the next.
 */
final class RecordHash {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private RecordHash() {}

    static long of(List<String> cells) {
        long h = OFFSET;
        for (String cell : cells) {
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                h = (h ^ (c & 0xff)) * PRIME;
                h = (h ^ (c >>> 8)) * PRIME;
            }
            int n = cell.length();
            for (int k = 0; k < 4; k++) {
                h = (h ^ ((n >>> (8 * k)) & 0xff)) * PRIME;
            }
        }
        return h;
    }
}
