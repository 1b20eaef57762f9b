package fr.regie.pipeline;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a dataset's rows come from: a partner's database given by JDBC URL (the user, or the name
 * of the environment variable holding it, and the name of the environment variable holding the
 * password, never the password itself), or an embedded H2 database Régie builds from a source
 * folder (the demo partners).
 */
public record Source(Optional<String> jdbcUrl, Optional<String> userLiteral, Optional<String> userEnv,
                     Optional<String> passwordEnv, Optional<String> embeddedName, Optional<Path> loadFrom) {

    /** The user: given in the registry, or read from the environment variable it names. */
    public Optional<String> user() {
        return userLiteral.or(() -> userEnv.map(System::getenv));
    }

    /** The password, read from the environment variable the registry names. */
    public Optional<String> password() {
        return passwordEnv.map(System::getenv);
    }

    /** A short description for messages and provenance (no secrets). */
    public String describe() {
        return jdbcUrl.map(fr.regie.r2rml.Database::redact).orElseGet(() -> "embedded H2 database " + embeddedName.orElse("?"));
    }
}
