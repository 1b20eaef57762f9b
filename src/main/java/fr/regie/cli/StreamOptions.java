package fr.regie.cli;

import fr.regie.replication.LazyLog;
import fr.regie.stream.JetStreamLog;
import fr.regie.stream.LogEngine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --stream NATS_URL [--stream-name NAME]}: the replication log, on a NATS JetStream server
 * (a picocli mixin shared by {@code regie serve}, {@code regie demo} and {@code regie replica}).
 */
final class StreamOptions {
    /** The command these options belong to: a malformed value is bad usage of it. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--stream", paramLabel = "NATS_URL",
            description = "The NATS JetStream server of the replication log (nats://HOST:PORT): a primary publishes each commit"
                    + " there for its read replicas, a replica follows it. A server that cannot be reached is tried again"
                    + " (the primary serves meanwhile; its commits wait in STORE/regie/outbox/).")
    String url;

    @Option(names = "--stream-name", paramLabel = "NAME", defaultValue = "regie",
            description = "The JetStream stream (default: ${DEFAULT-VALUE}); its subjects are NAME.registry and NAME.dataset.ID.")
    String name;

    /** Whether a log was asked for. */
    boolean enabled() {
        return url != null;
    }

    /**
     * The log, connected at its first use (and again after a failed connection), so that a
     * server whose NATS is down still starts.
     */
    LogEngine open() {
        check();
        String at = url;
        String stream = name;
        return new LazyLog(stream, () -> JetStreamLog.connect(at, stream, JetStreamLog.Settings.DEFAULTS));
    }

    /** Checks the URL and the stream name (bad usage when either is malformed, or the URL is missing). */
    void check() {
        if (url == null) {
            throw new ParameterException(command.commandLine(), "--stream NATS_URL is required here");
        }
        if (!url.matches("(nats|tls|ws|wss)://[^\\s/]+/?")) {
            throw new ParameterException(command.commandLine(), "--stream takes a NATS server URL (nats://HOST:PORT): " + url);
        }
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ParameterException(command.commandLine(), "--stream-name takes 1 to 64 letters, digits, '-' or '_': " + name);
        }
    }
}
