package fr.regie.server.access;

import java.util.Optional;

/** Who made a request: nobody in particular, a partner (by API key), or the operator (admin key). */
public record Caller(Kind kind, Optional<String> partner) {

    /** The three kinds of caller. */
    public enum Kind { ANONYMOUS, PARTNER, ADMIN }

    public static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, Optional.empty());
    public static final Caller ADMIN = new Caller(Kind.ADMIN, Optional.empty());

    public static Caller partner(String id) {
        return new Caller(Kind.PARTNER, Optional.of(id));
    }

    /** A name for logs, rate limits and Fuseki's request user: "anonymous", "admin" or "partner:velib". */
    public String name() {
        return switch (kind) {
            case ANONYMOUS -> "anonymous";
            case ADMIN -> "admin";
            case PARTNER -> "partner:" + partner.orElseThrow();
        };
    }

    public boolean admin() {
        return kind == Kind.ADMIN;
    }
}
