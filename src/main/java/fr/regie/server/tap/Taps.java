package fr.regie.server.tap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The taps of a folder ({@code *.rq}, by name). A malformed file is left out and its problem
 * (file:line: message) logged and kept in {@link #errors()}: the other taps still serve.
 */
public record Taps(List<Tap> taps, List<String> errors) {
    private static final Logger LOG = LoggerFactory.getLogger(Taps.class);

    /** The tap with this name. */
    public Optional<Tap> tap(String name) {
        return taps.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * Reads every {@code .rq} file of a folder (none when the folder does not exist).
     *
     * @param base the territory's base IRI
     */
    public static Taps load(Path dir, String base) {
        List<Tap> taps = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Taps(List.of(), List.of());
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".rq")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the taps of " + dir, e);
        }
        for (Path f : files) {
            String fileName = f.getFileName().toString();
            try {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                Tap tap = TapFile.parse(f.toString(), fileName.substring(0, fileName.length() - 3), text, base);
                if (!tap.query().hasOrderBy()) {
                    LOG.warn("tap {} has no ORDER BY: its pages may overlap or miss rows", f);
                }
                taps.add(tap);
            } catch (TapException e) {
                errors.add(e.getMessage());
                LOG.error("tap left out: {}", e.getMessage());
            } catch (IOException e) {
                errors.add(f + ": cannot read: " + e.getMessage());
                LOG.error("tap left out: {}: cannot read: {}", f, e.getMessage());
            }
        }
        LOG.info("{} tap(s) from {}{}", taps.size(), dir, errors.isEmpty() ? "" : ", " + errors.size() + " left out");
        return new Taps(List.copyOf(taps), List.copyOf(errors));
    }
}
