package fr.regie.registry;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;

import fr.regie.r2rml.MappingException;
import fr.regie.r2rml.Position;
import fr.regie.r2rml.TurtleWithPositions;
import fr.regie.territory.LinkMethod;
import fr.regie.territory.Vocab;

/**
 * The registry: one Turtle file that declares the territory and its datasets with DCAT terms
 * plus Régie's. It is checked whole before anything runs; the first problem is reported with the
 * file and line ({@link RegistryException}).
 */
public record Registry(Path file, Graph graph, Territory territory, List<DatasetSpec> datasets, List<Partner> partners,
                       Optional<String> adminKeyEnv) {
    public static final String DCAT = "http://www.w3.org/ns/dcat#";
    public static final String DCT = "http://purl.org/dc/terms/";
    public static final String FOAF = "http://xmlns.com/foaf/0.1/";

    static final Node Dataset = uri(DCAT + "Dataset");
    static final Node identifier = uri(DCT + "identifier");
    static final Node title = uri(DCT + "title");
    static final Node description = uri(DCT + "description");
    static final Node publisher = uri(DCT + "publisher");
    static final Node license = uri(DCT + "license");
    static final Node accrualPeriodicity = uri(DCT + "accrualPeriodicity");
    static final Node foafName = uri(FOAF + "name");
    static final Node Territory = regie("Territory");
    static final Node baseIRI = regie("baseIRI");
    static final Node referenceDataset = regie("referenceDataset");
    static final Node source = regie("source");
    static final Node jdbcUrl = regie("jdbcUrl");
    static final Node user = regie("user");
    static final Node userEnv = regie("userEnv");
    static final Node passwordEnv = regie("passwordEnv");
    static final Node embeddedDatabase = regie("embeddedDatabase");
    static final Node loadFrom = regie("loadFrom");
    static final Node mapping = regie("mapping");
    static final Node shapes = regie("shapes");
    static final Node vocabulary = regie("vocabulary");
    static final Node linkBy = regie("linkBy");
    static final Node schedule = regie("schedule");
    static final Node accessLevel = regie("accessLevel");
    static final Node accessPartner = regie("accessPartner");
    static final Node apiKeyEnv = regie("apiKeyEnv");
    static final Node adminKey = regie("adminKeyEnv");
    static final Node maxRemovalShare = regie("maxRemovalShare");
    /** An optional base map for /map: a tile URL template and its attribution, on the territory. */
    static final Node mapTiles = regie("mapTiles");
    static final Node mapTilesAttribution = regie("mapTilesAttribution");
    /** Where the territory's map indicators and REST taps are declared, when not beside the registry. */
    static final Node indicators = regie("indicators");
    static final Node taps = regie("taps");
    /** The territories a dataset's records must lie in (its scope); records placed elsewhere are left out. */
    static final Node within = regie("within");
    static final Node Organization = uri(FOAF + "Organization");
    static final Node keyword = uri(DCAT + "keyword");
    static final Node theme = uri(DCAT + "theme");
    static final Node spatial = uri(DCT + "spatial");
    static final Node temporal = uri(DCT + "temporal");
    static final Node startDate = uri(DCAT + "startDate");
    static final Node endDate = uri(DCAT + "endDate");

    /** Régie's own registry properties; any other regie: property in a registry is a typo. */
    static final Set<Node> REGIE_PROPERTIES = Set.of(baseIRI, referenceDataset, source, jdbcUrl, user, userEnv, passwordEnv,
            embeddedDatabase, loadFrom, mapping, shapes, linkBy, schedule, accessLevel, accessPartner, apiKeyEnv, adminKey,
            maxRemovalShare, mapTiles, mapTilesAttribution, vocabulary, indicators, taps, within, MirrorSourceReader.mirrorOf);

    private static final Map<Node, LinkMethod> LINKS = Map.of(regie("CommuneCode"), LinkMethod.COMMUNE_CODE,
            regie("Geometry"), LinkMethod.GEOMETRY, regie("NoLink"), LinkMethod.NONE);

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }

    private static Node regie(String local) {
        return uri(Vocab.REGIE + local);
    }

    /** The partner with this identifier. */
    public Optional<Partner> partner(String id) {
        return partners.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Who may read a dataset: its declared level, except the territory's reference, which is public. */
    public AccessLevel accessOf(DatasetSpec d) {
        return d.id().equals(territory.referenceDataset()) ? AccessLevel.PUBLIC : d.accessLevel();
    }

    /** The territory's map indicators: {@code regie:indicators}, else {@code indicators.ttl} beside the registry. */
    public Path indicatorsFile() {
        return territory.indicators().orElseGet(() -> file.toAbsolutePath().getParent().resolve("indicators.ttl"));
    }

    /** The territory's REST taps: {@code regie:taps}, else {@code taps/} beside the registry. */
    public Path tapsFolder() {
        return territory.taps().orElseGet(() -> file.toAbsolutePath().getParent().resolve("taps"));
    }

    /** The dataset with this identifier. */
    public Optional<DatasetSpec> dataset(String id) {
        return datasets.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Reads and checks a registry file. */
    public static Registry read(Path file) {
        return read(file, false);
    }

    /**
     * Reads and checks a registry file as a node that only serves it (a read replica): everything
     * is checked as {@link #read} does, except that the partners' source files ({@code regie:file},
     * the {@code schema.sql} of {@code regie:loadFrom}) need not exist, since serving never reads them.
     */
    public static Registry readForServing(Path file) {
        return read(file, true);
    }

    private static Registry read(Path file, boolean serving) {
        Graph g = GraphFactory.createDefaultGraph();
        TurtleWithPositions parsed = new TurtleWithPositions(g);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            parsed.parse(in, file.toString(), file.toAbsolutePath().toUri().toString());
        } catch (NoSuchFileException e) {
            throw new RegistryException(Position.of(file.toString()), "registry file not found");
        } catch (IOException e) {
            throw new RegistryException(Position.of(file.toString()), "cannot read the registry: " + e.getMessage());
        } catch (MappingException e) {
            throw new RegistryException(e.position(), e.withoutPosition());
        }
        return new Reader0(file, g, parsed, serving).read();
    }

    /** The checks, with the parsed graph and positions at hand; {@code serving}: sources' files are not looked for. */
    private record Reader0(Path file, Graph g, TurtleWithPositions parsed, boolean serving) {
        Registry read() {
            g.find().forEach(t -> {
                Node p = t.getPredicate();
                if (p.isURI() && p.getURI().startsWith(Vocab.REGIE) && !REGIE_PROPERTIES.contains(p)
                        && !FileSourceReader.PROPERTIES.contains(p)) {
                    throw new RegistryException(parsed.positionOf(t, file.toString()), "unknown property regie:"
                            + p.getURI().substring(Vocab.REGIE.length()));
                }
            });
            List<Node> territories = g.find(Node.ANY, RDF.Nodes.type, Territory).mapWith(Triple::getSubject).toList();
            if (territories.size() != 1) {
                throw new RegistryException(Position.of(file.toString()),
                        "a registry declares exactly one regie:Territory (found " + territories.size() + ")");
            }
            Node t = territories.get(0);
            String base = string(t, baseIRI, true);
            if (!base.matches("https?://[^\\s]+/")) {
                throw error(t, baseIRI, "regie:baseIRI must be an http(s) IRI ending with '/', found \"" + base + "\"");
            }
            String tiles = string(t, mapTiles, false);
            if (tiles != null && !tiles.matches("https://[^\\s\"<>]+") || tiles != null && !(tiles.contains("{z}") && tiles.contains("{x}") && tiles.contains("{y}"))) {
                throw error(t, mapTiles, "regie:mapTiles must be an https URL template with {z}, {x} and {y}, found \"" + tiles + "\"");
            }
            string(t, mapTilesAttribution, false);
            Node refNode = one(t, referenceDataset, true);
            List<DatasetSpec> datasets = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            List<Node> nodes = new ArrayList<>(g.find(Node.ANY, RDF.Nodes.type, Dataset).mapWith(Triple::getSubject).toList());
            nodes.sort(Comparator.comparingLong(n -> pos(n).line()));
            String referenceId = null;
            for (Node d : nodes) {
                DatasetSpec spec = dataset(d);
                if (!ids.add(spec.id())) {
                    throw error(d, identifier, "two datasets have the identifier \"" + spec.id() + "\"");
                }
                if (d.equals(refNode)) {
                    referenceId = spec.id();
                }
                datasets.add(spec);
            }
            if (referenceId == null) {
                throw error(t, referenceDataset, "regie:referenceDataset is not one of the registry's dcat:Dataset");
            }
            String name = g.find(t, title, Node.ANY).nextOptional().map(x -> x.getObject().getLiteralLexicalForm()).orElse("territory");
            List<Partner> partners = new ArrayList<>();
            Set<Node> orgs = new java.util.LinkedHashSet<>(g.find(Node.ANY, RDF.Nodes.type, Organization).mapWith(Triple::getSubject).toList());
            g.find(Node.ANY, apiKeyEnv, Node.ANY).forEach(x -> orgs.add(x.getSubject()));
            for (Node o : orgs) {
                String env = string(o, apiKeyEnv, false);
                checkEnvName(o, apiKeyEnv, env);
                partners.add(new Partner(o, Partner.idOf(o), string(o, foafName, false) == null ? Partner.idOf(o) : string(o, foafName, false),
                        Optional.ofNullable(env)));
            }
            for (DatasetSpec d : datasets) {
                for (String p : d.accessPartners()) {
                    if (partners.stream().noneMatch(x -> x.id().equals(p))) {
                        throw error(d.iri(), accessPartner, "regie:accessPartner <#" + p + "> is not an organisation of the registry");
                    }
                }
            }
            String admin = string(t, adminKey, false);
            checkEnvName(t, adminKey, admin);
            Optional<Path> indicatorFile = Optional.ofNullable(one(t, indicators, false)).map(o -> path(t, indicators, o));
            indicatorFile.filter(f -> !Files.isRegularFile(f)).ifPresent(f -> {
                throw error(t, indicators, "regie:indicators " + f + ": no such file");
            });
            Optional<Path> tapFolder = Optional.ofNullable(one(t, taps, false)).map(o -> path(t, taps, o));
            tapFolder.filter(f -> !Files.isDirectory(f)).ifPresent(f -> {
                throw error(t, taps, "regie:taps " + f + ": no such folder");
            });
            for (DatasetSpec d : datasets) {
                for (Node w : d.within()) {
                    if (!w.getURI().startsWith(base + "id/")) {
                        throw error(d.iri(), within, "regie:within must name a territory of the reference, an IRI under " + base
                                + "id/ such as <" + base + "id/commune/93066>, not <" + w.getURI() + ">");
                    }
                }
            }
            Registry r = new Registry(file, g, new fr.regie.registry.Territory(t, name, base, referenceId, indicatorFile, tapFolder),
                    datasets, partners, Optional.ofNullable(admin));
            // Vocabularies are part of the registry's promise: a bad one stops the registry, with its file and line.
            if (datasets.stream().anyMatch(d -> !d.vocabularies().isEmpty())) {
                Vocabularies.of(r);
            }
            return r;
        }

        private void checkEnvName(Node s, Node p, String env) {
            if (env != null && !env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw error(s, p, "'" + env + "' is not an environment variable name (the registry names the variable, never the secret)");
            }
        }

        private DatasetSpec dataset(Node d) {
            String id = string(d, identifier, true);
            if (!id.matches("[a-z0-9][a-z0-9-]*")) {
                throw error(d, identifier, "dct:identifier \"" + id + "\" must be lower-case letters, digits and dashes (it names the graph and URLs)");
            }
            Node pub = one(d, publisher, true);
            String pubName = g.find(pub, foafName, Node.ANY).nextOptional().map(x -> x.getObject().getLiteralLexicalForm())
                    .orElseThrow(() -> error(d, publisher, "the publisher " + pub + " has no foaf:name"));
            Node src = one(d, source, true);
            Source source = source(src);
            if (source.isMirror()) {
                // A mirror's records are the upstream's, already linked there: no mapping, no linking of its own.
                List<Triple> written = parsed.inWrittenOrder(d, mapping, file.toString());
                if (!written.isEmpty()) {
                    throw new RegistryException(parsed.positionOf(written.get(0), file.toString()), "a mirror (regie:mirrorOf) takes"
                            + " its records from the upstream régie: it has no regie:mapping (its shapes still apply)");
                }
                Node link = one(d, linkBy, false);
                if (link != null && !link.equals(regie("NoLink"))) {
                    throw error(d, linkBy, "a mirror (regie:mirrorOf) keeps the upstream's links to the territory: its regie:linkBy"
                            + " can only be regie:NoLink");
                }
            }
            List<Path> maps = source.isMirror() ? List.of() : files(d, mapping, true);
            List<Path> shapeFiles = files(d, shapes, false);
            List<Path> vocabularyFiles = files(d, vocabulary, false);
            Node link = one(d, linkBy, false);
            LinkMethod method = source.isMirror() ? LinkMethod.NONE : link == null ? LinkMethod.COMMUNE_CODE : LINKS.get(link);
            if (method == null) {
                throw error(d, linkBy, "regie:linkBy must be regie:CommuneCode, regie:Geometry or regie:NoLink");
            }
            Node access = one(d, accessLevel, false);
            AccessLevel level = access == null ? AccessLevel.PUBLIC : AccessLevel.of(access).orElse(null);
            if (level == null) {
                throw error(d, accessLevel, "regie:accessLevel must be regie:Public, regie:Partners or regie:Restricted");
            }
            List<String> partners = g.find(d, accessPartner, Node.ANY).mapWith(x -> Partner.idOf(x.getObject())).toList();
            String cron = string(d, schedule, false);
            if (cron != null) {
                try {
                    Cron.parse(cron);
                } catch (IllegalArgumentException e) {
                    throw error(d, schedule, "bad regie:schedule \"" + cron + "\": " + e.getMessage());
                }
            }
            List<Node> scope = g.find(d, within, Node.ANY).mapWith(Triple::getObject).toList();
            for (Node w : scope) {
                if (!w.isURI()) {
                    throw error(d, within, "regie:within must be the IRI of a territory of the reference, such as <https://…/id/commune/93066>");
                }
            }
            if (!scope.isEmpty() && method == LinkMethod.NONE && !source.isMirror()) {
                throw error(d, within, "regie:within keeps the records placed in a territory: it needs regie:linkBy regie:CommuneCode or regie:Geometry");
            }
            return new DatasetSpec(id, d, string(d, title, true), Optional.ofNullable(string(d, description, false)), pub,
                    pubName, Optional.ofNullable(one(d, license, false)), source, maps, shapeFiles, method,
                    Optional.ofNullable(one(d, accrualPeriodicity, false)), Optional.ofNullable(cron), level, partners, share(d), facts(d),
                    vocabularyFiles, scope.stream().sorted(Comparator.comparing(Node::getURI)).toList());
        }

        /** Keywords, EU data themes, spatial and temporal coverage of a dataset. */
        private CatalogFacts facts(Node d) {
            List<Node> keywords = g.find(d, keyword, Node.ANY).mapWith(Triple::getObject).toList();
            for (Node k : keywords) {
                if (!k.isLiteral()) {
                    throw error(d, keyword, "dcat:keyword must be text, not " + k);
                }
            }
            List<Node> themes = g.find(d, theme, Node.ANY).mapWith(Triple::getObject).toList();
            for (Node t : themes) {
                if (!t.isURI() || !t.getURI().startsWith(CatalogFacts.DATA_THEME)
                        || !CatalogFacts.THEMES.containsKey(t.getURI().substring(CatalogFacts.DATA_THEME.length()))) {
                    throw error(d, theme, "dcat:theme must be a concept of the EU data-theme table (" + CatalogFacts.DATA_THEME
                            + "TRAN, REGI, SOCI…), not " + t);
                }
            }
            Node place = one(d, spatial, false);
            if (place != null && !place.isURI()) {
                throw error(d, spatial, "dct:spatial must be the IRI of a place");
            }
            Node period = one(d, temporal, false);
            Optional<CatalogFacts.Period> when = Optional.empty();
            if (period != null) {
                Optional<Node> start = Optional.ofNullable(one(period, startDate, false));
                Optional<Node> end = Optional.ofNullable(one(period, endDate, false));
                if (start.isEmpty() && end.isEmpty() || start.filter(x -> !x.isLiteral()).isPresent() || end.filter(x -> !x.isLiteral()).isPresent()) {
                    throw error(d, temporal, "dct:temporal needs dcat:startDate and/or dcat:endDate (dates)");
                }
                when = Optional.of(new CatalogFacts.Period(start, end));
            }
            return new CatalogFacts(keywords, themes, Optional.ofNullable(place), when);
        }

        /** regie:maxRemovalShare, a decimal from 0 to 1 (the mass-deletion guard); 0.2 when absent. */
        private BigDecimal share(Node d) {
            String s = string(d, maxRemovalShare, false);
            if (s == null) {
                return DatasetSpec.DEFAULT_MAX_REMOVAL_SHARE;
            }
            try {
                BigDecimal v = new BigDecimal(s.strip());
                if (v.signum() >= 0 && v.compareTo(BigDecimal.ONE) <= 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // Reported below.
            }
            throw error(d, maxRemovalShare, "regie:maxRemovalShare must be a decimal from 0 to 1 (a share of the live triples),"
                    + " such as \"0.2\"^^xsd:decimal, not \"" + s + "\"");
        }

        private Source source(Node s) {
            Optional<MirrorSource> mirror = new MirrorSourceReader(g, parsed, file).read(s);
            if (mirror.isPresent()) {
                return Source.of(mirror.get());
            }
            Optional<FileSource> files = new FileSourceReader(g, parsed, file, serving).read(s);
            if (files.isPresent()) {
                return Source.of(files.get());
            }
            Optional<String> url = Optional.ofNullable(string(s, jdbcUrl, false));
            Optional<String> embedded = Optional.ofNullable(string(s, embeddedDatabase, false));
            if (url.isPresent() == embedded.isPresent()) {
                throw error(s, "a source has either regie:jdbcUrl or regie:embeddedDatabase (exactly one), or regie:file or regie:url,"
                        + " or regie:mirrorOf");
            }
            Optional<Path> folder = Optional.empty();
            Node lf = one(s, loadFrom, false);
            if (lf != null) {
                Path p = path(s, loadFrom, lf);
                if (!serving && !Files.isRegularFile(p.resolve("schema.sql"))) {
                    throw error(s, loadFrom, "regie:loadFrom " + p + " has no schema.sql");
                }
                folder = Optional.of(p);
            }
            String literalUser = string(s, user, false);
            String envUser = string(s, userEnv, false);
            if (literalUser != null && envUser != null) {
                throw error(s, userEnv, "a source has regie:user or regie:userEnv, not both");
            }
            checkEnvName(s, userEnv, envUser);
            checkEnvName(s, passwordEnv, string(s, passwordEnv, false));
            return new Source(url, Optional.ofNullable(literalUser), Optional.ofNullable(envUser),
                    Optional.ofNullable(string(s, passwordEnv, false)), embedded, folder);
        }

        private List<Path> files(Node d, Node p, boolean required) {
            List<Triple> ts = parsed.inWrittenOrder(d, p, file.toString());
            if (required && ts.isEmpty()) {
                throw error(d, "the dataset has no " + shortName(p));
            }
            List<Path> out = new ArrayList<>();
            for (Triple t : ts) {
                Path f = path(d, p, t.getObject());
                if (!Files.isRegularFile(f)) {
                    throw new RegistryException(parsed.positionOf(t, file.toString()), shortName(p) + " " + f + ": no such file");
                }
                out.add(f);
            }
            return out;
        }

        private Path path(Node s, Node p, Node o) {
            if (!o.isURI() || !o.getURI().startsWith("file:")) {
                throw error(s, p, shortName(p) + " must be a file, written as a relative IRI such as <mappings/x.ttl>");
            }
            return Path.of(URI.create(o.getURI()));
        }

        private Node one(Node s, Node p, boolean required) {
            List<Node> os = g.find(s, p, Node.ANY).mapWith(Triple::getObject).toList();
            if (os.size() > 1) {
                throw error(s, p, "more than one " + shortName(p));
            }
            if (os.isEmpty()) {
                if (required) {
                    throw error(s, "missing " + shortName(p));
                }
                return null;
            }
            return os.get(0);
        }

        private String string(Node s, Node p, boolean required) {
            Node o = one(s, p, required);
            if (o == null) {
                return null;
            }
            if (!o.isLiteral()) {
                throw error(s, p, shortName(p) + " must be a literal");
            }
            return o.getLiteralLexicalForm();
        }

        private Position pos(Node s) {
            return parsed.positionOf(s, file.toString());
        }

        private RegistryException error(Node s, String message) {
            return new RegistryException(pos(s), message);
        }

        private RegistryException error(Node s, Node p, String message) {
            return new RegistryException(parsed.positionOf(s, p, file.toString()), message);
        }

        private static String shortName(Node p) {
            String u = p.getURI();
            for (String[] ns : new String[][] {{Vocab.REGIE, "regie:"}, {DCT, "dct:"}, {DCAT, "dcat:"}, {FOAF, "foaf:"}}) {
                if (u.startsWith(ns[0])) {
                    return ns[1] + u.substring(ns[0].length());
                }
            }
            return "<" + u + ">";
        }
    }
}
