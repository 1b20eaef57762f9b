package fr.regie.server.tap;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.modify.TemplateLib;
import org.apache.jena.system.Txn;

import fr.regie.server.ServerContext;
import fr.regie.server.access.Caller;

/**
 * Runs one page of a tap for a caller: the tap's query with the call's bindings, over the graphs
 * the caller may see ({@link ServerContext#query}), limited to the page plus one row (to know
 * whether another page follows). A CONSTRUCT tap is paged by the solutions of its WHERE clause,
 * each instantiating its template.
 */
final class TapRunner {
    /** One page of solutions, and whether more follow. */
    record Page(List<Var> vars, List<Binding> rows, boolean more) {
        /** A CONSTRUCT tap's page: its template instantiated by each solution. */
        Graph graph(Query construct) {
            Graph g = GraphFactory.createDefaultGraph();
            g.getPrefixMapping().setNsPrefixes(construct.getPrefixMapping());
            TemplateLib.calcTriples(construct.getConstructTemplate().getTriples(), rows.iterator()).forEachRemaining(g::add);
            return g;
        }
    }

    private TapRunner() {}

    /** One page; setting {@code cancel} (the client has gone) stops the query as the timeout does. */
    static Page run(ServerContext ctx, Caller caller, Tap tap, TapCall call, AtomicBoolean cancel) {
        Query q = tap.query().cloneQuery();
        if (q.isConstructType()) {
            // The solutions of the WHERE clause, projected on the template's variables (the
            // call's own bindings are added back to each row).
            q.setQuerySelectType();
            q.setQueryResultStar(false);
            templateVars(tap.query()).stream().filter(v -> !call.bindings().containsKey(v)).forEach(q::addResultVar);
        }
        q.setLimit(call.limit() + 1);
        if (call.offset() > 0) {
            q.setOffset(call.offset());
        }
        return Txn.calculateRead(ctx.store().dataset(), () -> {
            try (QueryExec qe = ctx.query(caller, q, call.bindings(), cancel)) {
                RowSet rs = qe.select();
                List<Binding> rows = new ArrayList<>();
                while (rs.hasNext() && rows.size() <= call.limit()) {
                    rows.add(withParams(rs.next(), call.bindings()));
                }
                boolean more = rows.size() > call.limit();
                if (more) {
                    rows.remove(rows.size() - 1);
                }
                return new Page(rs.getResultVars(), rows, more);
            }
        });
    }

    /**
     * The first IRI parameter of the call whose value is the subject of no triple the caller may
     * see: the call names nothing (a 404 rather than an empty answer).
     */
    static java.util.Optional<TapParam> unknownResource(ServerContext ctx, Caller caller, Tap tap, TapCall call) {
        List<TapParam> iris = tap.params().stream().filter(p -> p.type() == ParamType.IRI && call.bindings().containsKey(Var.alloc(p.name())))
                .toList();
        if (iris.isEmpty()) {
            return java.util.Optional.empty();
        }
        Query ask = org.apache.jena.query.QueryFactory.create("ASK { ?s ?p ?o }");
        return Txn.calculateRead(ctx.store().dataset(), () -> {
            for (TapParam p : iris) {
                try (QueryExec qe = ctx.query(caller, ask, Map.of(Var.alloc("s"), call.bindings().get(Var.alloc(p.name()))), new java.util.concurrent.atomic.AtomicBoolean())) {
                    if (!qe.ask()) {
                        return java.util.Optional.of(p);
                    }
                }
            }
            return java.util.Optional.empty();
        });
    }

    private static Set<Var> templateVars(Query construct) {
        Set<Var> vars = new LinkedHashSet<>();
        for (Triple t : construct.getConstructTemplate().getTriples()) {
            for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
                if (n.isVariable()) {
                    vars.add(Var.alloc(n));
                }
            }
        }
        return vars;
    }

    /**
     * A solution copied out of the store (read inside the transaction), with the call's bindings
     * added, as the template of a CONSTRUCT expects them.
     */
    private static Binding withParams(Binding row, Map<Var, Node> params) {
        BindingBuilder b = BindingFactory.builder();
        row.forEach(b::add);
        params.forEach((v, n) -> {
            if (!row.contains(v)) {
                b.add(v, n);
            }
        });
        return b.build();
    }
}
