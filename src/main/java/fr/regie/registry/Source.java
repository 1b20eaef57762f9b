package fr.regie.registry;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a dataset's rows come from: a partner's database given by JDBC URL (the user, or the name
 * of the environment variable holding it, and the name of the environment variable holding the
 * password, never the password itself), an embedded H2 database Régie builds from a source
 * folder (the demo partners), or the partner's files and web feeds read as they are
 * ({@link FileSource}, mapped with RML), or another Régie's dataset it mirrors ({@link MirrorSource}).
 */
public record Source(Optional<String> jdbcUrl, Optional<String> userLiteral, Optional<String> userEnv,
                     Optional<String> passwordEnv, Optional<String> embeddedName, Optional<Path> loadFrom,
                     Optional<FileSource> files, Optional<MirrorSource> mirror) {

    /** A database, file or feed source. */
    public Source(Optional<String> jdbcUrl, Optional<String> userLiteral, Optional<String> userEnv,
                  Optional<String> passwordEnv, Optional<String> embeddedName, Optional<Path> loadFrom,
                  Optional<FileSource> files) {
        this(jdbcUrl, userLiteral, userEnv, passwordEnv, embeddedName, loadFrom, files, Optional.empty());
    }

    /** A database source (JDBC or embedded). */
    public Source(Optional<String> jdbcUrl, Optional<String> userLiteral, Optional<String> userEnv,
                  Optional<String> passwordEnv, Optional<String> embeddedName, Optional<Path> loadFrom) {
        this(jdbcUrl, userLiteral, userEnv, passwordEnv, embeddedName, loadFrom, Optional.empty());
    }

    /** A source of files or web feeds. */
    public static Source of(FileSource files) {
        return new Source(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(files));
    }

    /** A mirror of another Régie's dataset. */
    public static Source of(MirrorSource mirror) {
        return new Source(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(mirror));
    }

    /** True for a mirror of another Régie (no mapping: its records are the upstream's). */
    public boolean isMirror() {
        return mirror.isPresent();
    }

    /** The user: given in the registry, or read from the environment variable it names. */
    public Optional<String> user() {
        return userLiteral.or(() -> userEnv.map(System::getenv));
    }

    /** The password, read from the environment variable the registry names. */
    public Optional<String> password() {
        return passwordEnv.map(System::getenv);
    }

    /** A short description for the operator's messages and logs (no password). */
    public String describe() {
        if (mirror.isPresent()) {
            return mirror.get().describe();
        }
        if (files.isPresent()) {
            return files.get().describe();
        }
        return jdbcUrl.map(fr.regie.r2rml.Database::redact).orElseGet(() -> "embedded H2 database " + embeddedName.orElse("?"));
    }

    /**
     * What the provenance says of the source, to everyone who may see the dataset: its kind, never
     * where it is nor who connects (a host, a database name, a user or a local path is the
     * partner's and the operator's business; they have the registry).
     */
    public String publicDescription() {
        if (mirror.isPresent()) {
            // Another régie's published dataset: its URL is public (prov:wasDerivedFrom names it too).
            return "mirror of " + FileSource.redact(mirror.get().dataset());
        }
        if (files.isPresent()) {
            return files.get().isFeed() ? "web feed of the partner" : "files of the partner";
        }
        return jdbcUrl.map(u -> kind(u) + " database of the partner")
                .orElseGet(() -> "embedded database " + embeddedName.orElse("?") + ", built from the partner's files");
    }

    /** A message about this source as {@link #publicDescription} would say it: its JDBC URL replaced. */
    public String publicMessage(String message) {
        if (message != null && files.isPresent()) {
            String out = message;
            for (Path f : files.get().files()) {
                out = out.replace(f.toString(), publicDescription());
            }
            for (java.net.URI u : files.get().urls()) {
                out = out.replace(u.toString(), publicDescription()).replace(FileSource.redact(u), publicDescription());
            }
            return out;
        }
        if (message == null || jdbcUrl.isEmpty()) {
            return message;
        }
        String url = jdbcUrl.get();
        String out = message.replace(url, publicDescription()).replace(fr.regie.r2rml.Database.redact(url), publicDescription());
        // Drivers name the URL as they read it back: any other jdbc: URL goes too.
        return out.replaceAll("jdbc:[^\\s,;)]+", publicDescription());
    }

    private static String kind(String url) {
        String scheme = url.startsWith("jdbc:") ? url.substring(5).split(":", 2)[0].toLowerCase(java.util.Locale.ROOT) : "";
        return switch (scheme) {
            case "postgresql" -> "PostgreSQL";
            case "mariadb", "mysql" -> "MariaDB";
            case "h2" -> "H2";
            default -> "SQL";
        };
    }
}
