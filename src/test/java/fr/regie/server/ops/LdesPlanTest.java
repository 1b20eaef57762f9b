package fr.regie.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The paging of the stream against the members written out one by one: for seeded random
 * versions (some with no member, totals that are and are not a multiple of the page size),
 * the pages cover every member once and in order, none holds more than its bound, every page but
 * the last is full, and the last (empty when the total is a multiple) is not, so that a full
 * page always leads somewhere.
 */
class LdesPlanTest {
    @Test
    void pagesCoverEveryMemberOnceWithinTheirBound() {
        Random rnd = new Random(42);
        int multiples = 0;
        for (int round = 0; round < 300; round++) {
            int size = 1 + rnd.nextInt(7);
            List<LdesPlan.Entry> versions = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            long total = 0;
            for (int v = 1, n = rnd.nextInt(8); v <= n; v++) {
                int count = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(12);
                versions.add(new LdesPlan.Entry(v, "t" + v, "t" + v, count));
                for (int i = 0; i < count; i++) {
                    expected.add(v + "/" + i);
                }
                total += count;
            }
            if (total % size == 0) {
                multiples++;
            }
            LdesPlan plan = new LdesPlan(versions.size(), 1, versions, total, size);
            List<String> seen = new ArrayList<>();
            for (long p = 1; p <= plan.pages(); p++) {
                int onPage = 0;
                for (LdesPlan.Slot s : plan.slots(p)) {
                    assertTrue(s.count() > 0);
                    for (int i = 0; i < s.count(); i++) {
                        seen.add(s.entry().version() + "/" + (s.from() + i));
                    }
                    onPage += s.count();
                }
                assertTrue(onPage <= size);
                assertEquals(onPage == size, plan.full(p), "page " + p);
                assertEquals(p < plan.pages(), plan.full(p), "only the last page is not full");
            }
            assertFalse(plan.full(plan.pages()));
            assertTrue(plan.slots(plan.pages() + 1).isEmpty());
            assertEquals(expected, seen, "round " + round);
        }
        assertTrue(multiples > 10, "totals that are a multiple of the page size: " + multiples);
    }
}
