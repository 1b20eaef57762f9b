package fr.regie.cli;

import fr.regie.r2rml.Database;
import picocli.CommandLine.Option;

/**
 * How to reach a partner database: a picocli mixin, or an optional argument group where a
 * command can also run without one ({@code --jdbc} is then required only with the others).
 */
final class JdbcOptions {
    @Option(names = "--jdbc", required = true, paramLabel = "URL",
            description = "JDBC URL of the source database: jdbc:h2:…, jdbc:postgresql://host/db, jdbc:mariadb://host/db")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "Database user (for an H2 file database, sa when not given: the user"
            + " Régie's embedded databases, such as the demo's under target/demo/sources/, are made with).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Database password. Prefer the environment variable REGIE_JDBC_PASSWORD, which is used when this is absent.")
    String password;

    /** The password given, else the environment's {@code REGIE_JDBC_PASSWORD}. */
    String password() {
        return password != null ? password : System.getenv("REGIE_JDBC_PASSWORD");
    }

    Database connect() {
        return Database.connect(url, user(), password());
    }

    /**
     * The user given; for an H2 file database (Régie makes its embedded databases as sa with no
     * password), sa by default. An in-memory one keeps the driver's default.
     */
    String user() {
        if (user == null && url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")) {
            return "sa";
        }
        return user;
    }
}
