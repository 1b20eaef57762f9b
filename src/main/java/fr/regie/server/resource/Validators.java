package fr.regie.server.resource;

import java.time.Instant;
import java.util.Optional;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.registry.DatasetSpec;
import fr.regie.server.http.Conditional;
import fr.regie.server.http.MediaFormat;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The cache validators of a description: an ETag that hashes the versions of the datasets that
 * contributed triples and the format (a metadata graph changes with every run, so a description
 * drawn from one also hashes its triples); Last-Modified, the latest of those datasets' versions;
 * and whether the answer may be cached by anyone (only public datasets contributed).
 */
record Validators(String etag, Optional<Instant> lastModified, boolean isPublic) {
    /** The validators of a description in a format. Needs a read transaction. */
    static Validators of(Description d, MediaFormat format, Datasets datasets, DatasetGraph dsg) {
        return of(d, format, datasets, dsg, List.of(), "");
    }

    /**
     * The same, for an answer that also draws on other graphs (a page's incoming links) and
     * varies by {@code variant} (its language): their datasets' versions, dates and access count too.
     */
    static Validators of(Description d, MediaFormat format, Datasets datasets, DatasetGraph dsg, Collection<Node> alsoGraphs, String variant) {
        TreeMap<String, Long> versions = new TreeMap<>();
        Instant latest = null;
        boolean pub = true;
        boolean meta = false;
        Set<Node> all = new LinkedHashSet<>(d.graphs());
        all.addAll(alsoGraphs);
        for (Node g : all) {
            Optional<DatasetSpec> ds = datasets.ofGraph(g);
            if (ds.isEmpty() || !d.graphs().contains(g) && datasets.isMeta(g)) {
                continue;
            }
            Datasets.Version v = datasets.version(dsg, ds.get());
            versions.put(ds.get().id(), v.number());
            if (v.modified().isPresent() && (latest == null || v.modified().get().isAfter(latest))) {
                latest = v.modified().get();
            }
            pub &= datasets.isPublic(ds.get());
            meta |= datasets.isMeta(g);
        }
        long h = fnv(versions + "|" + format.name() + "|" + d.graphs() + "|" + variant);
        if (meta) {
            for (Triple t : d.triples()) {
                h = h * 31 + fnv(t.toString());
            }
        }
        return new Validators("\"" + Long.toHexString(h) + "\"", Optional.ofNullable(latest), pub);
    }

    /** A 64-bit FNV-1a hash: stable across runs, unlike String.hashCode's 32 bits. */
    static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Sets ETag, Last-Modified and Cache-Control. */
    void apply(HttpServletResponse resp) {
        resp.setHeader("ETag", etag);
        lastModified.ifPresent(t -> resp.setHeader("Last-Modified", Conditional.HTTP_DATE.format(t)));
        resp.setHeader("Cache-Control", isPublic ? "public, max-age=60" : "private, max-age=60");
    }

    /** Whether the client's copy is current (RFC 9110, 13.2.2). */
    boolean notModified(HttpServletRequest req) {
        return Conditional.notModified(req, etag, lastModified);
    }
}
