package fr.regie.source;

import java.net.URI;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * URLs as messages may show them: no user information, and the values of query parameters that
 * look like secrets ({@code key}, {@code apikey}, {@code token}, {@code signature}…) replaced
 * by {@code …}; the rest stays, so that the operator still knows which feed it was.
 */
public final class Urls {
    private static final Pattern SECRET = Pattern.compile(".*(key|token|secret|password|passwd|pwd|sig|signature|auth|session|credential).*");

    private Urls() {}

    public static String redact(URI u) {
        StringBuilder sb = new StringBuilder();
        sb.append(u.getScheme() == null ? "" : u.getScheme() + "://");
        sb.append(u.getHost() == null ? "" : u.getHost());
        sb.append(u.getPort() < 0 ? "" : ":" + u.getPort());
        sb.append(u.getRawPath() == null ? "" : u.getRawPath());
        if (u.getRawQuery() != null) {
            StringJoiner q = new StringJoiner("&", "?", "");
            for (String param : u.getRawQuery().split("&")) {
                int eq = param.indexOf('=');
                String name = eq < 0 ? param : param.substring(0, eq);
                q.add(eq >= 0 && SECRET.matcher(name.toLowerCase(Locale.ROOT)).matches() ? name + "=…" : param);
            }
            sb.append(q);
        }
        return sb.toString();
    }
}
