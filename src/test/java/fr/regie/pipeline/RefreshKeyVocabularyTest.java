package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.registry.AccessLevel;
import fr.regie.registry.CatalogFacts;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Source;
import fr.regie.territory.LinkMethod;

/** A partner vocabulary declares datatypes the gate checks: editing it changes the refresh key, as a shape file does. */
class RefreshKeyVocabularyTest {
    @TempDir
    Path dir;

    @Test
    void anEditedVocabularyChangesTheKey() throws Exception {
        Path mapping = Files.writeString(dir.resolve("m.ttl"), "# mapping");
        Path vocabulary = Files.writeString(dir.resolve("vocabulary.ttl"), "# vocabulary");
        DatasetSpec with = spec(mapping, List.of(vocabulary));
        RefreshKey before = RefreshKey.of(with, 1);
        assertEquals(before, RefreshKey.of(with, 1));
        assertNotEquals(RefreshKey.of(spec(mapping, List.of()), 1), before, "declaring a vocabulary changes the key");
        Files.writeString(vocabulary, "# vocabulary, edited");
        assertNotEquals(before, RefreshKey.of(with, 1));
    }

    private static DatasetSpec spec(Path mapping, List<Path> vocabularies) {
        Node n = NodeFactory.createURI("https://t.example/#d");
        return new DatasetSpec("d", n, "D", Optional.empty(), n, "P", Optional.empty(),
                new Source(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("x"), Optional.empty()),
                List.of(mapping), List.of(), LinkMethod.NONE, Optional.empty(), Optional.empty(), AccessLevel.PUBLIC, List.of(),
                DatasetSpec.DEFAULT_MAX_REMOVAL_SHARE, CatalogFacts.NONE, vocabularies);
    }
}
