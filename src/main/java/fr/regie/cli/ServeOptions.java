package fr.regie.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import fr.regie.server.ServerSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How the server behaves toward the public, shared by {@code regie serve} and {@code regie demo}. */
final class ServeOptions {
    /** The command these options belong to: a value out of range is bad usage of it. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "3030", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--public", description = "Listen on all interfaces (default: localhost only).")
    boolean everywhere;

    @Option(names = "--public-url", paramLabel = "URL", defaultValue = "${env:REGIE_PUBLIC_URL}",
            description = "The URL the server is reached at from outside (links in pages, catalog, OpenAPI);"
                    + " default: $REGIE_PUBLIC_URL, else the host of each request, if it is one of the allowed hosts.")
    String publicUrl;

    @Option(names = "--allowed-host", paramLabel = "NAME",
            description = "Without --public-url: a host name (or address) the server answers to and builds links from, besides"
                    + " localhost, 127.0.0.1, [::1], the machine's name and the address a request arrived at; other hosts get 400."
                    + " Repeatable.")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--query-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Longest a SPARQL query or tap may run; past it the answer is 503 (default: ${DEFAULT-VALUE}).")
    int queryTimeout;

    @Option(names = "--result-limit", paramLabel = "N", defaultValue = "10000",
            description = "Most results of a SPARQL query, and largest page of a tap (default: ${DEFAULT-VALUE}).")
    long resultLimit;

    @Option(names = "--max-query-length", paramLabel = "CHARS", defaultValue = "20000",
            description = "Longest SPARQL query text accepted; longer is 413 (default: ${DEFAULT-VALUE}).")
    int maxQueryLength;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "600",
            description = "Requests per minute without a key, per client address; more is 429 (default: ${DEFAULT-VALUE}).")
    int anonymousPerMinute;

    @Option(names = "--partner-rate-limit", paramLabel = "N", defaultValue = "6000",
            description = "Requests per minute per partner key (default: ${DEFAULT-VALUE}).")
    int partnerPerMinute;

    @Option(names = "--allow-service", description = "Let SPARQL queries call other endpoints with SERVICE (default: off).")
    boolean allowService;

    ServerSettings settings() {
        if (port < 0 || queryTimeout < 1 || resultLimit < 1 || maxQueryLength < 1 || anonymousPerMinute < 1 || partnerPerMinute < 1) {
            throw new ParameterException(command.commandLine(), "--port must be 0 or more; --query-timeout, --result-limit,"
                    + " --max-query-length and the rate limits at least 1");
        }
        for (String h : allowedHosts) {
            // One colon is a port (an IPv6 address has several).
            boolean withPort = h.indexOf(':') >= 0 && h.indexOf(':') == h.lastIndexOf(':');
            if (h.isBlank() || h.contains("/") || h.chars().anyMatch(Character::isWhitespace) || withPort) {
                throw new ParameterException(command.commandLine(),
                        "--allowed-host takes a host name or address, without scheme, port or path: " + h);
            }
        }
        return new ServerSettings(port, !everywhere, Duration.ofSeconds(queryTimeout), resultLimit, maxQueryLength,
                anonymousPerMinute, partnerPerMinute, allowService, Optional.ofNullable(publicUrl), allowedHosts);
    }
}
