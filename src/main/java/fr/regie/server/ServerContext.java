package fr.regie.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecDatasetBuilder;

import fr.regie.pipeline.Refresher;
import fr.regie.registry.Registry;
import fr.regie.pipeline.Scheduler;
import fr.regie.server.access.Access;
import fr.regie.server.access.Caller;
import fr.regie.server.bounds.QueryBounds;
import fr.regie.server.http.HostNames;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What every endpoint of the server works with: the registry, the store, graph naming, the access
 * rules, the settings, the refresher and scheduler (absent when the server only serves), and the
 * meter registry Régie's metrics go to. The registry and its access rules can be swapped while
 * the server runs ({@link #reload}); read them through this context at each request rather than
 * keeping them.
 */
public final class ServerContext {
    private final Store store;
    private final GraphNames graphs;
    private final ServerSettings settings;
    private final HostNames hosts;
    private final Refresher refresher;
    private final Scheduler scheduler;
    private final Function<Registry, Access> rules;
    private final List<Consumer<Registry>> reloadListeners = new CopyOnWriteArrayList<>();
    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    /** Set when this server is a read replica; null on a primary. */
    private volatile ReplicaRole replica;
    /** Set when this server publishes its commits to a replication log; null otherwise. */
    private volatile java.util.function.Supplier<fr.regie.replication.Publisher.Status> publishing;
    /** Registry and access change together: one volatile pair, never half of a reload. */
    private volatile Rules current;

    private record Rules(Registry registry, Access access) {}

    /** A context whose access rules, on {@link #reload}, take API keys from the environment. */
    public ServerContext(Registry registry, Store store, Access access, ServerSettings settings, Refresher refresher,
                         Scheduler scheduler) {
        this(registry, store, access, settings, refresher, scheduler, Access::of);
    }

    /**
     * A context whose access rules, on {@link #reload}, are made by {@code rules} (tests give keys
     * of their own: {@code r -> Access.of(r, env)}).
     */
    public ServerContext(Registry registry, Store store, Access access, ServerSettings settings, Refresher refresher,
                         Scheduler scheduler, Function<Registry, Access> rules) {
        this.current = new Rules(registry, access);
        this.store = store;
        this.graphs = new GraphNames(registry.territory().baseIri());
        this.settings = settings;
        this.hosts = HostNames.of(settings.allowedHosts());
        this.refresher = refresher;
        this.scheduler = scheduler;
        this.rules = rules;
        // Counts are kept even before (or without) an exporting registry joins.
        meters.add(new SimpleMeterRegistry());
    }

    public Registry registry() {
        return current.registry();
    }

    public Store store() {
        return store;
    }

    public GraphNames graphs() {
        return graphs;
    }

    public Access access() {
        return current.access();
    }

    /**
     * Swaps in a new registry and its access rules (made as the constructor says), atomically:
     * requests that read the context from now on see the new datasets, levels and keys. The base
     * IRI must stay the same (graph and resource names depend on it).
     *
     * @throws IllegalArgumentException if the new registry has another base IRI
     */
    public synchronized void reload(Registry registry) {
        if (!new GraphNames(registry.territory().baseIri()).equals(graphs)) {
            throw new IllegalArgumentException("the base IRI cannot change while serving (it is " + graphs.base()
                    + ", the registry now says " + registry.territory().baseIri() + "): restart the server");
        }
        current = new Rules(registry, rules.apply(registry));
        reloadListeners.forEach(l -> l.accept(registry));
    }

    /** Calls {@code listener} with the new registry after each {@link #reload}. */
    public void onReload(Consumer<Registry> listener) {
        reloadListeners.add(listener);
    }

    public ServerSettings settings() {
        return settings;
    }

    /** This server's role as a read replica (its follower's state, its primary); empty on a primary. */
    public java.util.Optional<ReplicaRole> replica() {
        return java.util.Optional.ofNullable(replica);
    }

    /** Makes this server a read replica; set before it serves (its write endpoints then answer 421). */
    public void replica(ReplicaRole role) {
        this.replica = role;
    }

    /** What this server's publisher says (its log, what it published, what waits); empty when it publishes nothing. */
    public java.util.Optional<fr.regie.replication.Publisher.Status> publishing() {
        java.util.function.Supplier<fr.regie.replication.Publisher.Status> p = publishing;
        return p == null ? java.util.Optional.empty() : java.util.Optional.of(p.get());
    }

    /** Makes this server show its publisher's state in {@code /status}; set before it serves. */
    public void publishing(java.util.function.Supplier<fr.regie.replication.Publisher.Status> status) {
        this.publishing = status;
    }

    /** Null when the server was started without refreshes. */
    public Refresher refresher() {
        return refresher;
    }

    /** Null when the server was started without a scheduler. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Where Régie's meters go. Meters registered here, before or after the metrics feature joined
     * Fuseki's registry ({@link #meters(MeterRegistry)}), show up in {@code /$/metrics}.
     */
    public MeterRegistry meters() {
        return meters;
    }

    /** Régie's meters also go to this registry (the metrics feature gives Fuseki's). */
    public void meters(MeterRegistry registry) {
        meters.add(registry);
    }

    /**
     * The store as this caller may see it ({@link Access#view}): only the caller's graphs, their
     * union as default graph. Read it inside a read transaction of {@link #store()}.
     */
    public DatasetGraph view(Caller caller) {
        return access().view(store.dataset(), caller);
    }

    /**
     * The URL this server is reached at, ending with a slash: the configured public URL, else the
     * scheme and host of the request when the host is one of the server's names ({@link #hosts}),
     * else the first of those names. A foreign host never makes it into a link.
     */
    public String publicBase(HttpServletRequest req) {
        return settings.publicUrl().orElseGet(() -> req.getScheme() + "://" + hosts.authority(req) + "/");
    }

    /** The host names the server answers to when links are built from requests. */
    public HostNames hosts() {
        return hosts;
    }

    /**
     * Where an IRI can be fetched from this server: an IRI under the territory's base IRI maps to
     * the same path under {@link #publicBase}; any other IRI is returned unchanged.
     */
    public String localUrl(String iri, HttpServletRequest req) {
        String base = graphs.base();
        return iri.startsWith(base) ? publicBase(req) + iri.substring(base.length()) : iri;
    }

    /**
     * The IRI a request path names ({@code /id/commune/93066} → {@code {base}id/commune/93066}).
     */
    public String iriOf(String path) {
        return graphs.base() + (path.startsWith("/") ? path.substring(1) : path);
    }

    /**
     * A SPARQL query over the union of the graphs the caller may see, with variables bound to
     * RDF terms before execution (never pasted into the text), within the server's timeout and
     * {@link QueryBounds}. Run it inside a read transaction of {@link #store()}.
     */
    public QueryExec query(Caller caller, Query query, Map<Var, Node> bindings) {
        return query(caller, query, bindings, new AtomicBoolean());
    }

    /**
     * The same, stopped also when {@code cancel} is set (by a {@code ClientWatch} when the
     * client has gone), as it is at the timeout.
     */
    public QueryExec query(Caller caller, Query query, Map<Var, Node> bindings, AtomicBoolean cancel) {
        DatasetGraph view = view(caller);
        QueryExecDatasetBuilder b = QueryExec.newBuilder().dataset(view).query(query).context(QueryBounds.context(view, cancel))
                .timeout(settings.queryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        bindings.forEach(b::substitution);
        return b.build();
    }
}
