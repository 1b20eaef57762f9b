package fr.regie.server.home;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Iterator;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;

import fr.regie.pipeline.MetaRecords;
import fr.regie.registry.DatasetSpec;
import fr.regie.server.ServerContext;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.http.MediaFormat;
import fr.regie.server.http.Negotiation;
import fr.regie.server.page.Layout;
import fr.regie.server.page.PageRequest;
import fr.regie.server.search.SearchForm;
import fr.regie.server.search.TerritoryCommunes;
import fr.regie.territory.Vocab;

/**
 * Answers {@code GET /} and {@code HEAD /}: browsers get the home page ({@link HomePage}), RDF
 * clients a {@code 303 See Other} to the catalog in the syntax they asked for. Other paths go on.
 */
final class HomeFilter implements Filter {
    /** What {@code /} offers: the page first (browsers, and clients that take anything), then the catalog's syntaxes. */
    private static final List<MediaFormat> OFFERED = List.of(MediaFormat.HTML, MediaFormat.TURTLE, MediaFormat.JSONLD,
            MediaFormat.RDFXML, MediaFormat.NTRIPLES);

    /** Communes listed at most (a région's 1,300 would be too many for a home page). */
    static final int MAX_COMMUNES = 200;

    private final ServerContext context;

    HomeFilter(ServerContext context) {
        this.context = context;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        boolean read = "GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod());
        if (!path.equals("/") || !read) {
            chain.doFilter(request, response);
            return;
        }
        if (!Negotiation.pageOrSeeOther(req, resp, OFFERED, f -> context.publicBase(req) + "catalog" + f.suffix())) {
            return;
        }
        List<DatasetSpec> visible = context.access().visibleDatasets(ApiKeyFilter.caller(req));
        List<MetaRecords.DatasetStatus> statuses = MetaRecords.of(context.store().dataset(), context.graphs(),
                visible.stream().map(DatasetSpec::id).toList(), 0);
        List<HomePage.Card> cards = new ArrayList<>();
        for (int i = 0; i < visible.size(); i++) {
            cards.add(card(visible.get(i), statuses.get(i)));
        }
        PageRequest page = PageRequest.of(context, req, resp);
        List<HomePage.Commune> communes = Txn.calculateRead(context.store().dataset(),
                () -> communes(context.view(ApiKeyFilter.caller(req)), req));
        Layout.send(req, resp, new HomePage(page).render(cards, communes, mapServed(req), SearchForm.html(page, null)));
    }

    /** Whether a servlet answers {@code /map/…} (the map feature, which gives the home its map's data). */
    private static boolean mapServed(HttpServletRequest req) {
        try {
            return req.getServletContext().getServletRegistrations().values().stream()
                    .anyMatch(r -> r.getMappings().stream().anyMatch(m -> m.startsWith("/map/")));
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The communes of the territory the caller may see ({@link TerritoryCommunes}), by name, at
     * most {@value #MAX_COMMUNES}.
     */
    private List<HomePage.Commune> communes(DatasetGraph view, HttpServletRequest req) {
        List<HomePage.Commune> out = new ArrayList<>();
        for (Node c : TerritoryCommunes.of(view, context.registry(), MAX_COMMUNES)) {
            Iterator<Quad> names = view.find(Node.ANY, c, Vocab.nom, Node.ANY);
            String name = names.hasNext() ? names.next().getObject().getLiteralLexicalForm() : c.getURI();
            out.add(new HomePage.Commune(name, context.localUrl(c.getURI(), req)));
        }
        out.sort(java.util.Comparator.comparing(HomePage.Commune::name, java.text.Collator.getInstance(java.util.Locale.FRENCH)));
        return out;
    }

    /** A dataset's card: what the registry declares, and what its metadata graph says of its live version. */
    private HomePage.Card card(DatasetSpec d, MetaRecords.DatasetStatus status) {
        return new HomePage.Card(d.id(), d.title(), d.description(), d.publisherName(), d.license().map(n -> n.isURI() ? n.getURI() : n.toString()),
                status.version(), status.modified(), status.triples(), context.registry().accessOf(d), status.lastRun());
    }
}
