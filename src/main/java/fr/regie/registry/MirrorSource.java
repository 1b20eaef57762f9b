package fr.regie.registry;

import java.net.URI;
import java.time.Duration;

/**
 * A dataset copied from another Régie ({@code regie:mirrorOf <http://host/datasets/{id}>}): the
 * upstream dataset's URL, the identifier it has there, how long one exchange with the upstream
 * may take ({@code regie:timeout}, seconds) and how many bytes a dump or a patch may hold once
 * unpacked ({@code regie:maxBytes}). The mirror reads the upstream's dump once, then its change
 * feed, at most {@link #MAX_PATCHES_PER_RUN} patches per refresh.
 */
public record MirrorSource(URI dataset, String upstreamId, Duration timeout, long maxBytes) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** 4 GiB of N-Quads: about 25 million triples. */
    public static final long DEFAULT_MAX_BYTES = 4L << 30;
    /** Upstream patches applied by one refresh at most; the next one goes on. */
    public static final int MAX_PATCHES_PER_RUN = 100;

    /** {@code …/datasets/{id}/dump.nq.gz}. */
    public URI dump() {
        return URI.create(dataset + "/dump.nq.gz");
    }

    /** {@code …/datasets/{id}/changes?after=V&limit=N}. */
    public URI changes(long after, int limit) {
        return URI.create(dataset + "/changes?after=" + after + "&limit=" + limit);
    }

    /** {@code …/datasets/{id}/changes/{V}}. */
    public URI patch(long version) {
        return URI.create(dataset + "/changes/" + version);
    }

    /** The upstream URL without user information or query, for messages. */
    public String describe() {
        return "upstream régie " + FileSource.redact(dataset);
    }
}
