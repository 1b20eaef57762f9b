package fr.regie.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.io.file.PathUtils;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.guide.GuideSteps.Kind;
import fr.regie.guide.GuideSteps.Step;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.Rml;
import fr.regie.source.DeclaredDialect;
import fr.regie.source.FileSources;
import fr.regie.testing.Cli;

/**
 * Follows the partner guide (examples/README-partners.md) as written: runs the commands of its
 * marked blocks in order, in-process, in a temporary copy of the files they need, compares what
 * they print with the output blocks the guide shows, and checks the outcomes against facts read
 * independently from the France services CSV and INSEE's COG files. The registry is the guide's
 * own entry with a territory reduced to the COG's communes and history (the full reference takes
 * minutes to load; placing records needs only these), so the guide's store-building command runs
 * as written, only faster.
 */
class PartnerGuideTest {
    static final Path GUIDE = Path.of("examples/README-partners.md");
    static final Path DEMO_REGISTRY = Path.of("examples/plaine-commune/registry.ttl");
    static final Set<String> COG_TABLES = Set.of("cog_commune", "cog_arrondissement", "cog_departement", "cog_region", "cog_mouvement");

    @TempDir
    Path root;

    @Test
    void theWorkedExampleRunsAsWrittenAndFindsWhatTheFileSays() throws IOException {
        GuideSteps guide = GuideSteps.read(GUIDE);
        FranceServicesFacts facts = FranceServicesFacts.read();
        prepare(guide);
        Map<String, String> outputs = new LinkedHashMap<>();
        String last = null;
        String lastKey = null;
        int commands = 0;
        for (Step step : guide.steps()) {
            switch (step.kind()) {
                case COMMANDS -> {
                    for (List<String> args : step.commands()) {
                        Cli r = Cli.run(args.stream().map(this::inRoot).toArray(String[]::new));
                        lastKey = GUIDE + ":" + step.line() + " ./regie " + String.join(" ", args);
                        last = (r.out() + "\n" + r.err()).replace(root + "/", "");
                        assertEquals(step.exit(), r.exitCode(), lastKey + " exited " + r.exitCode() + ":\n" + last);
                        outputs.put(lastKey, last);
                        commands++;
                    }
                }
                case OUTPUT -> {
                    assertTrue(last != null, GUIDE + ":" + step.line() + ": an output block before any command");
                    List<String> missing = GuideSteps.missing(step.lines(), last);
                    assertTrue(missing.isEmpty(), GUIDE + ":" + step.line() + ": the guide shows lines that " + lastKey
                            + " did not print:\n  " + String.join("\n  ", missing) + "\nIt printed:\n" + last);
                }
                case REGISTRY -> { }
            }
        }
        assertTrue(commands >= 8, "the guide's worked example has its steps marked (found " + commands + " commands)");
        List<String> printed = new ArrayList<>(outputs.values());

        // Draft, as it is: every record mapped (two triples maps), placed as the COG says.
        String draftCheck = find(outputs, "--mapping mappings/anct/draft/france-services.ttl");
        assertPlacement(draftCheck, facts);
        assertTrue(draftCheck.contains("terms no ontology or vocabulary declares"), draftCheck);
        // Strict mode turns the undeclared draft terms into the error that fails it.
        assertTrue(find(outputs, "--strict").contains("(strict)"));

        // The declared mapping: the same placement, every term declared, and the records not placed listed in full.
        String check = find(outputs, "--not-placed");
        assertPlacement(check, facts);
        assertTrue(check.contains("terms: every term is declared"), check);
        List<String> notPlaced = Files.readAllLines(root.resolve("target/fs/not-placed.tsv"));
        assertEquals(facts.notPlaced(), notPlaced.size());
        Set<String> expectedIds = new HashSet<>();
        facts.records().stream().filter(r -> !facts.inForce().contains(r.get("insee_com"))
                && !facts.inForce().contains(facts.movedTo().getOrDefault(r.get("insee_com"), ""))).forEach(r -> expectedIds.add(r.get("id_fs")));
        Set<String> listedIds = new HashSet<>();
        notPlaced.forEach(l -> listedIds.add(l.split("\t")[0].replaceAll(".*/", "")));
        assertEquals(expectedIds, listedIds);
        long wouldAdd = number(check, "a refresh would add ([\\d,]+) triple");

        // The refresh: version 1 with what the check announced; then unchanged.
        List<String> refreshes = printed.stream().filter(o -> o.startsWith("france-services ")).toList();
        assertEquals(2, refreshes.size(), "two refreshes of france-services in the guide");
        assertTrue(refreshes.get(0).matches("(?s)france-services\\s+accepted\\s+v1\\s+([\\d,]+) rows\\s+\\+" + String.format("%,d", wouldAdd)
                + " -0 triples.*"), refreshes.get(0));
        assertEquals(2L * facts.records().size(), number(refreshes.get(0), "v1\\s+([\\d,]+) rows"));
        assertTrue(refreshes.get(1).matches("(?s)france-services\\s+unchanged\\s+v1\\s.*"), refreshes.get(1));

        // The query: the sites of Seine-Saint-Denis by today's commune and declared code.
        String query = find(outputs, "sites-in-93.rq");
        Map<String, Long> got = new TreeMap<>();
        query.lines().skip(1).filter(l -> !l.isBlank()).forEach(l -> {
            int comma = l.lastIndexOf(',');
            got.put(l.substring(0, comma), Long.parseLong(l.substring(comma + 1).strip()));
        });
        assertEquals(facts.inSeineSaintDenis(), got);
        assertEquals(32, got.values().stream().mapToLong(Long::longValue).sum());
    }

    /** The draft the guide's first command writes maps every record of the file, read by the RML reader as it is. */
    @Test
    void theDraftIsReadAndMapsEveryRecord() throws IOException {
        FranceServicesFacts facts = FranceServicesFacts.read();
        Path out = root.resolve("mappings/anct/draft/france-services.ttl");
        Cli r = Cli.run("draft", FranceServicesFacts.CSV.toString(), "--partner", "anct", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        FileSources sources = new FileSources(List.of(new FileSources.Declared(FranceServicesFacts.CSV.toString(), FranceServicesFacts.CSV)),
                DeclaredDialect.NONE, (in, it, where) -> { throw new IOException("no JSON here"); });
        DatasetGraph dsg = Rml.create().mapping(MappingReader.read(out)).sources(sources).baseIri("https://t.example/").build().toDataset();
        Set<String> ids = new HashSet<>();
        Node cls = NodeFactory.createURI("https://w3id.org/regie/partner/anct#AnctRecord");
        dsg.find(Node.ANY, Node.ANY, RDF.type.asNode(), cls).forEachRemaining((Quad q) -> ids.add(q.getSubject().getURI().replaceAll(".*/", "")));
        Set<String> expected = new HashSet<>();
        facts.records().forEach(rec -> expected.add(rec.get("id_fs")));
        assertEquals(2845, facts.records().size());
        assertEquals(expected, ids);
    }

    /** The guide's registry entry is the demo registry's, line by line, in order. */
    @Test
    void theGuidesRegistryEntryIsTheDemos() throws IOException {
        List<String> demo = Files.readAllLines(DEMO_REGISTRY);
        StringBuilder demoText = new StringBuilder();
        demo.forEach(l -> demoText.append(l).append('\n'));
        List<Step> blocks = GuideSteps.read(GUIDE).steps().stream().filter(s -> s.kind() == Kind.REGISTRY).toList();
        assertFalse(blocks.isEmpty(), "the guide marks its registry entry");
        for (Step b : blocks) {
            List<String> missing = GuideSteps.missing(b.lines(), demoText.toString());
            assertTrue(missing.isEmpty(), GUIDE + ":" + b.line() + ": lines not in " + DEMO_REGISTRY + ": " + missing);
        }
    }

    /** The figures the guide and SOURCE.md state about the file are the file's. */
    @Test
    void theStatedFactsAreTheFilesFacts() throws IOException {
        FranceServicesFacts f = FranceServicesFacts.read();
        assertEquals(2845, f.records().size());
        assertEquals(2845, f.records().stream().map(r -> r.get("id_fs")).distinct().count());
        assertEquals(32, f.count(r -> r.get("insee_dep").equals("93")));
        assertEquals(32, f.count(r -> r.get("insee_com").startsWith("93")));
        assertEquals(2, f.count(r -> r.get("insee_com").equals("93059")));
        assertEquals("93066", f.movedTo().get("93059"));
        assertEquals("49126", f.movedTo().get("49069"));
        assertEquals(2, f.count(r -> r.get("insee_com").equals("97801")));
        assertEquals(6, f.count(r -> r.values().stream().anyMatch(v -> v.contains("\n"))));
        assertEquals(1_174_580, Files.size(FranceServicesFacts.CSV));
        String source = Files.readString(Path.of("examples/plaine-commune/france-services/SOURCE.md"));
        for (String stated : List.of("2,845 records", "32 with `insee_dep` 93", "2 coded 93059", "1 coded 49069", "2 coded\n  97801",
                "6 records hold line breaks", "1,174,580 bytes")) {
            assertTrue(source.contains(stated), "SOURCE.md states " + stated);
        }
        assertEquals(f.direct() + f.throughHistory() + f.notPlaced(), f.records().size());
        assertEquals(3, f.throughHistory());
    }

    private void assertPlacement(String report, FranceServicesFacts facts) {
        Matcher m = Pattern.compile("records placed in a commune ([\\d,]+): directly ([\\d,]+), through the COG history ([\\d,]+),"
                + " by their point ([\\d,]+); not placed ([\\d,]+)").matcher(report);
        assertTrue(m.find(), report);
        long n = facts.records().size();
        assertEquals(List.of(n - facts.notPlaced(), facts.direct(), facts.throughHistory(), 0L, facts.notPlaced()),
                Stream.of(1, 2, 3, 4, 5).map(g -> Long.parseLong(m.group(g).replace(",", ""))).toList(), report);
        assertEquals(2 * n, number(report, "rows read ([\\d,]+)"), "two triples maps read every record");
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in:\n" + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static String find(Map<String, String> outputs, String inCommand) {
        return outputs.entrySet().stream().filter(e -> e.getKey().contains(inCommand)).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no command of the guide has " + inCommand));
    }

    /** A path argument (it has a '/') is the same path under the test's copy; options and identifiers stay. */
    private String inRoot(String arg) {
        return !arg.startsWith("-") && arg.contains("/") ? root.resolve(arg).toString() : arg;
    }

    /**
     * The files the guide's commands read, copied under the root as the checkout lays them out, and
     * the registry: the demo's prefixes, a territory of the COG's communes and history, the guide's entry.
     */
    private void prepare(GuideSteps guide) throws IOException {
        Files.createDirectories(root.resolve("examples/plaine-commune"));
        Files.createDirectories(root.resolve("mappings"));
        PathUtils.copyDirectory(Path.of("examples/plaine-commune/france-services"), root.resolve("examples/plaine-commune/france-services"));
        PathUtils.copyDirectory(Path.of("mappings/anct"), root.resolve("mappings/anct"));
        PathUtils.copyDirectory(Path.of("ontology"), root.resolve("ontology"));
        Path insee = Files.createDirectories(root.resolve("mappings/insee"));
        for (String m : List.of("communes.ttl", "history.ttl")) {
            Files.copy(Path.of("mappings/insee").resolve(m), insee.resolve(m));
        }
        Path cog = Files.createDirectories(root.resolve("reference/cog/data"));
        StringBuilder schema = new StringBuilder();
        for (String statement : Files.readString(Path.of("reference/insee/schema.sql")).split(";")) {
            Matcher t = Pattern.compile("CREATE TABLE (\\w+)").matcher(statement);
            if (t.find() && COG_TABLES.contains(t.group(1))) {
                schema.append(statement.strip()).append(";\n");
            }
        }
        Files.writeString(root.resolve("reference/cog/schema.sql"), schema);
        StringBuilder load = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("reference/insee/load.properties"))) {
            String table = line.split("\\.")[0];
            if (COG_TABLES.contains(table)) {
                load.append(line).append('\n');
                String file = line.substring(line.indexOf('=') + 1).strip();
                Files.copy(Path.of("reference/insee").resolve(file), root.resolve("reference/cog").resolve(file));
            }
        }
        Files.writeString(root.resolve("reference/cog/load.properties"), load);
        StringBuilder reg = new StringBuilder();
        Files.readAllLines(DEMO_REGISTRY).stream().filter(l -> l.startsWith("@prefix")).forEach(l -> reg.append(l).append('\n'));
        reg.append("""
                <#territory> a regie:Territory ; dct:title "Plaine Commune"@fr ;
                    regie:baseIRI "https://regie.plaine-commune.example/" ; regie:referenceDataset <#territoire> .
                <#insee> a foaf:Organization ; foaf:name "INSEE" .
                <#territoire> a dcat:Dataset ; dct:identifier "territory" ; dct:title "COG 2026 : communes et histoire"@fr ;
                    dct:publisher <#insee> ;
                    regie:source [ regie:embeddedDatabase "reference" ; regie:loadFrom <../../reference/cog/> ] ;
                    regie:mapping <../../mappings/insee/communes.ttl> , <../../mappings/insee/history.ttl> ;
                    regie:linkBy regie:NoLink .
                """);
        guide.steps().stream().filter(s -> s.kind() == Kind.REGISTRY).forEach(s -> s.lines().forEach(l -> reg.append(l).append('\n')));
        Files.writeString(root.resolve("examples/plaine-commune/registry.ttl"), reg, StandardCharsets.UTF_8);
    }
}
