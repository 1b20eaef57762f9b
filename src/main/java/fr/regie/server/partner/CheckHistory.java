package fr.regie.server.partner;

import fr.regie.pipeline.CheckReport;
import java.util.List;

import fr.regie.server.page.PageRequest;

/** Where a partner's page finds the partner's last check reports, newest first. */
interface CheckHistory {
    /** Reports shown on the page. */
    int SHOWN = 5;

    /** No report kept (a server without checks). */
    CheckHistory NONE = (partner, n) -> List.of();

    /** Up to {@code n} reports of the partner, newest first. */
    List<Kept> recent(String partner, int n);

    /** Keeps a partner's report (for the page). */
    interface Saver {
        void save(String partner, CheckReport report);
    }

    /** One kept report, as JSON (its own) and as an HTML fragment of the page. */
    interface Kept {
        String json();

        String html(PageRequest page);
    }
}
