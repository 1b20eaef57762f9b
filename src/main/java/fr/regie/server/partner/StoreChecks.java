package fr.regie.server.partner;

import java.util.List;

import fr.regie.pipeline.CheckReport;
import fr.regie.pipeline.CheckReports;
import fr.regie.server.page.PageRequest;
import fr.regie.store.StoreLayout;

/** A partner's check reports, kept beside the store by {@link CheckReports} (the last 20 each). */
final class StoreChecks implements CheckHistory, CheckHistory.Saver {
    private final StoreLayout layout;

    StoreChecks(StoreLayout layout) {
        this.layout = layout;
    }

    @Override
    public void save(String partner, CheckReport report) {
        CheckReports.save(layout, partner, report);
    }

    @Override
    public List<Kept> recent(String partner, int n) {
        return CheckReports.recent(layout, partner, n).stream().map(StoreChecks::kept).toList();
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
