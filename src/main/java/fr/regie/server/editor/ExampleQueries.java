package fr.regie.server.editor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import fr.regie.server.page.Lang;

/**
 * The analyst queries the editor offers ({@code *.rq} of a folder, by file name), each with the
 * question its header comment asks in French and English: the lines {@code # FR …} and
 * {@code # EN …} and the indented comment lines that continue them. A file without a question
 * in a language is offered with its first comment line (its title) instead.
 */
record ExampleQueries(List<ExampleQueries.Example> examples) {
    /** At most this many files are read, and none longer than this many characters. */
    static final int MAX_FILES = 200;
    static final int MAX_CHARS = 100_000;

    /** One query: its file name without {@code .rq}, its title, its question in each language, its text. */
    record Example(String id, String title, String questionFr, String questionEn, String query) {
        String question(Lang lang) {
            return lang == Lang.EN ? questionEn : questionFr;
        }
    }

    static final ExampleQueries NONE = new ExampleQueries(List.of());

    /** The queries of {@code dir} (none when it does not exist). */
    static ExampleQueries load(Path dir) {
        if (!Files.isDirectory(dir)) {
            return NONE;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".rq") && Files.isRegularFile(f)).sorted().limit(MAX_FILES).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the example queries of " + dir, e);
        }
        List<Example> out = new ArrayList<>();
        for (Path f : files) {
            try {
                if (Files.size(f) > MAX_CHARS) {
                    continue;
                }
                String name = f.getFileName().toString();
                out.add(parse(name.substring(0, name.length() - 3), Files.readString(f, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the example query " + f, e);
            }
        }
        return new ExampleQueries(List.copyOf(out));
    }

    /** An example from its file's text. */
    static Example parse(String id, String text) {
        String title = null;
        StringBuilder fr = null;
        StringBuilder en = null;
        StringBuilder current = null;
        for (String line : text.split("\r?\n")) {
            if (!line.startsWith("#")) {
                break;
            }
            String content = line.substring(1);
            String stripped = content.strip();
            if (title == null && !stripped.isEmpty()) {
                title = stripped;
                continue;
            }
            if (stripped.startsWith("FR ") || stripped.equals("FR")) {
                fr = new StringBuilder(stripped.substring(2).strip());
                current = fr;
            } else if (stripped.startsWith("EN ") || stripped.equals("EN")) {
                en = new StringBuilder(stripped.substring(2).strip());
                current = en;
            } else if (current != null && !stripped.isEmpty() && content.startsWith("  ")) {
                current.append(' ').append(stripped);
            } else {
                current = null;
            }
        }
        String t = title == null ? id : title;
        return new Example(id, t, Optional.ofNullable(fr).map(StringBuilder::toString).orElse(t),
                Optional.ofNullable(en).map(StringBuilder::toString).orElse(t), text);
    }
}
