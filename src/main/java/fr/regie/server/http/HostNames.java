package fr.regie.server.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The host names this server answers to, when no public URL is configured and links are built
 * from the request: {@code localhost}, {@code 127.0.0.1}, {@code [::1]}, the machine's name, the
 * names the operator adds, and the address the connection itself arrived at (which a client
 * cannot choose). Anything else in {@code Host} is a name someone else picked, and links built
 * from it would send the readers of a cached answer to that someone.
 */
public final class HostNames {
    private final List<String> names;

    private HostNames(List<String> names) {
        this.names = names;
    }

    /** The local names and {@code extra} (names or IP addresses, as an operator writes them). */
    public static HostNames of(List<String> extra) {
        Set<String> all = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        machineName().ifPresent(all::add);
        all.addAll(extra);
        return new HostNames(all.stream().map(HostNames::canonical).distinct().toList());
    }

    /** The names, in order (the local ones first). */
    public List<String> names() {
        return names;
    }

    /**
     * Whether the request names this server: its {@code Host} header and the authority Jetty
     * took for it (an absolute request target may carry another) are both ours, or absent.
     */
    public boolean allows(HttpServletRequest req) {
        String header = req.getHeader("Host");
        return (header == null || (ours(hostOf(header), req) && portOk(header, req))) && ours(req.getServerName(), req);
    }

    /**
     * A port in {@code Host} must be the one the connection came in on: another would end up in
     * links and redirects that caches keep (behind a proxy or a port mapping, set the public URL).
     */
    private static boolean portOk(String header, HttpServletRequest req) {
        String h = header.strip();
        String rest = h.substring(hostOf(h).length());
        if (rest.isEmpty()) {
            return true;
        }
        return rest.startsWith(":") && rest.substring(1).equals(Integer.toString(req.getLocalPort()));
    }

    /**
     * The scheme-less authority links are built from: the request's {@code Host} when it is ours
     * (in lower case, without a final dot), else the first of the names with the port the request
     * came in on.
     */
    public String authority(HttpServletRequest req) {
        String header = req.getHeader("Host");
        if (header != null && !header.isBlank() && allows(req)) {
            String h = header.strip().toLowerCase(Locale.ROOT);
            String host = hostOf(h);
            String port = h.substring(host.length());
            return (host.endsWith(".") ? host.substring(0, host.length() - 1) : host) + port;
        }
        if (header == null && ours(req.getServerName(), req)) {
            return bracketed(req.getServerName()) + ":" + req.getServerPort();
        }
        return bracketed(names.getFirst()) + ":" + req.getLocalPort();
    }

    private boolean ours(String host, HttpServletRequest req) {
        if (host == null || host.isBlank()) {
            return true;
        }
        String h = canonical(host);
        return names.contains(h) || h.equals(canonical(req.getLocalAddr()));
    }

    /** The host of a {@code Host} value: without its port, an IPv6 literal with its brackets. */
    static String hostOf(String header) {
        String h = header.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /**
     * One spelling per host: lower case without a final dot; an IP address in its standard form
     * (so {@code [::1]}, {@code ::1} and {@code 0:0:0:0:0:0:0:1} are one). Only literals are
     * parsed, never looked up.
     */
    static String canonical(String host) {
        if (host == null) {
            return "";
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            // An IPv6 literal: parsed, never looked up (a malformed one fails, it is not a name).
            try {
                return InetAddress.getByName(h).getHostAddress();
            } catch (UnknownHostException notAnAddress) {
                return h;
            }
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length == 4 && h.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            StringBuilder ip = new StringBuilder();
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                    return h;
                }
                ip.append(ip.isEmpty() ? "" : ".").append(Integer.parseInt(p));
            }
            return ip.toString();
        }
        return h;
    }

    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * The machine's name, read from the kernel or the environment: asking the resolver could hang
     * a start on a machine whose name has no address.
     */
    private static Optional<String> machineName() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                return Optional.of(Files.readString(kernel).strip()).filter(s -> !s.isEmpty());
            }
        } catch (IOException | SecurityException unreadable) {
            // Fall back to the environment.
        }
        return Optional.ofNullable(System.getenv("HOSTNAME")).or(() -> Optional.ofNullable(System.getenv("COMPUTERNAME")))
                .map(String::strip).filter(s -> !s.isEmpty());
    }
}
