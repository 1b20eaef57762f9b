package fr.regie.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import fr.regie.store.StoreLayout;

/**
 * A partner's last check reports, kept beside the store ({@link StoreLayout#checks}) as one JSON
 * file each, the newest {@value #KEPT}: what the partner page shows. Written whole then moved into
 * place, so that a reader never sees half a report.
 */
public final class CheckReports {
    /** How many reports a partner keeps. */
    public static final int KEPT = 20;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private CheckReports() {}

    /** Keeps a report of one of the partner's datasets, dropping the oldest beyond {@value #KEPT}. */
    public static synchronized void save(StoreLayout layout, String partnerId, CheckReport r) {
        Path dir = dir(layout, partnerId);
        try {
            Files.createDirectories(dir);
            String name = String.format("%020d-%s.json", r.at().toEpochMilli(), SAFE.matcher(r.dataset()).matches() ? r.dataset() : "dataset");
            Path tmp = Files.createTempFile(dir, ".check", ".tmp");
            Files.writeString(tmp, r.toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            List<Path> all = files(dir);
            for (int i = KEPT; i < all.size(); i++) {
                Files.deleteIfExists(all.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the check report in " + dir, e);
        }
    }

    /** The partner's newest {@code n} reports, newest first; none if it has none. */
    public static List<CheckReport> recent(StoreLayout layout, String partnerId, int n) {
        Path dir = dir(layout, partnerId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<CheckReport> out = new ArrayList<>();
        try {
            for (Path p : files(dir)) {
                if (out.size() >= n) {
                    break;
                }
                out.add(CheckReport.fromJson(Files.readString(p, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the check reports in " + dir, e);
        }
        return out;
    }

    private static Path dir(StoreLayout layout, String partnerId) {
        if (!SAFE.matcher(partnerId).matches()) {
            throw new IllegalArgumentException("not a partner id: " + partnerId);
        }
        return layout.checks(partnerId);
    }

    /** The reports, newest first (names start with the time, zero-padded). */
    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted(Comparator.reverseOrder()).toList();
        }
    }
}
