package fr.regie.server.partner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import fr.regie.server.page.PageRequest;

/**
 * The last reports of each partner, kept in memory ({@link #KEPT} each) while the server runs:
 * until the lead's {@code CheckReports} keeps them beside the store.
 */
final class MemoryChecks implements CheckHistory, CheckHistory.Saver {
    static final int KEPT = 20;

    private final Map<String, Deque<CheckReport>> byPartner = new ConcurrentHashMap<>();

    @Override
    public void save(String partner, CheckReport report) {
        Deque<CheckReport> d = byPartner.computeIfAbsent(partner, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addFirst(report);
            while (d.size() > KEPT) {
                d.removeLast();
            }
        }
    }

    @Override
    public List<Kept> recent(String partner, int n) {
        Deque<CheckReport> d = byPartner.get(partner);
        if (d == null) {
            return List.of();
        }
        List<Kept> out = new ArrayList<>();
        synchronized (d) {
            for (CheckReport r : d) {
                if (out.size() == n) {
                    break;
                }
                out.add(kept(r));
            }
        }
        return out;
    }

    static Kept kept(CheckReport r) {
        return new Kept() {
            @Override
            public String json() {
                return r.toJson();
            }

            @Override
            public String html(PageRequest page) {
                return CheckReportPage.section(page, r, "h3");
            }
        };
    }
}
