package fr.regie.server.tap;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tap folder's own JSON-LD context is read at start; one the writer cannot take stops it, naming the file and what it uses. */
class TapContextsTest {
    @TempDir
    Path dir;

    @Test
    void aContextTheWriterCannotTakeIsATapErrorNamingTheFile() throws Exception {
        Path ctx = Files.writeString(dir.resolve("context.jsonld"), "{\"@context\": {\"@vocab\": \"https://schema.org/\"}}");
        TapException e = assertThrows(TapException.class, () -> TapContexts.find(dir));
        assertTrue(e.getMessage().startsWith(ctx + ":1: ") && e.getMessage().contains("@vocab"), e.getMessage());
    }

    @Test
    void withoutAContextOfItsOwnAFolderUsesRegies() {
        assertTrue(TapContexts.find(dir).source().contains("ontology/context.jsonld"));
    }
}
