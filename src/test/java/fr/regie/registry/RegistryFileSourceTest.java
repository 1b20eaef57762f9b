package fr.regie.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset's source may be files or web feeds; each mistake in declaring them names the registry's line. */
class RegistryFileSourceTest {
    @TempDir
    Path dir;

    /** A registry whose dataset source is {@code source}, written on line 8. */
    private Path registry(String source) throws IOException {
        Files.createDirectories(dir.resolve("fs/data"));
        Files.writeString(dir.resolve("fs/data/sites.csv"), "a;b\n1;2\n");
        Files.writeString(dir.resolve("m.ttl"), "# a mapping");
        Path f = dir.resolve("registry.ttl");
        Files.writeString(f, """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "https://t.example/" ; regie:referenceDataset <#d> .
                <#p> foaf:name "P" .
                <#d> a dcat:Dataset ; dct:identifier "d" ; dct:title "D" ; dct:publisher <#p> ; regie:mapping <m.ttl> ;
                  regie:source [
                """ + source + "\n] .\n");
        return f;
    }

    private Source read(String source) throws IOException {
        return Registry.read(registry(source)).dataset("d").orElseThrow().source();
    }

    private String reject(String source) throws IOException {
        Path f = registry(source);
        return assertThrows(RegistryException.class, () -> Registry.read(f)).getMessage();
    }

    @Test
    void aFileWithEverySetting() throws IOException {
        Source s = read("""
                regie:file <fs/data/sites.csv> ; regie:encoding "windows-1252" ; regie:delimiter "\\t" ; regie:header false ;
                regie:decimalSeparator "," ; regie:sheet "Feuil1" ; regie:headerRow 2 ; regie:timeout 30 ; regie:maxBytes 1000""");
        FileSource fs = s.files().orElseThrow();
        assertEquals(dir.resolve("fs/data/sites.csv").toAbsolutePath(), fs.files().get(0).toAbsolutePath());
        assertEquals(Optional.of("windows-1252"), fs.encoding());
        assertEquals(Optional.of('\t'), fs.delimiter());
        assertEquals(Optional.of(false), fs.header());
        assertEquals(Optional.of(','), fs.decimalSeparator());
        assertEquals(Optional.of("Feuil1"), fs.sheet());
        assertEquals(Optional.of(2), fs.headerRow());
        assertEquals(Optional.of(Duration.ofSeconds(30)), fs.timeout());
        assertEquals(Optional.of(1000L), fs.maxBytes());
        assertTrue(s.jdbcUrl().isEmpty() && s.embeddedName().isEmpty());
        assertEquals("files of the partner", s.publicDescription());
        assertEquals("files of the partner: line 3", s.publicMessage(fs.files().get(0) + ": line 3"));
    }

    @Test
    void onlyTheFileIsNeeded() throws IOException {
        FileSource fs = read("regie:file <fs/data/sites.csv>").files().orElseThrow();
        assertTrue(fs.encoding().isEmpty() && fs.delimiter().isEmpty() && fs.header().isEmpty() && fs.timeout().isEmpty());
    }

    @Test
    void aFeedAndItsRedactedDescription() throws IOException {
        Source s = read("regie:url <https://user:secret@example.org/gbfs/station_status.json?apikey=k1> ; regie:timeout 5");
        FileSource fs = s.files().orElseThrow();
        assertEquals(URI.create("https://user:secret@example.org/gbfs/station_status.json?apikey=k1"), fs.urls().get(0));
        assertTrue(fs.isFeed());
        assertEquals("web feed https://example.org/gbfs/station_status.json?…", s.describe());
        assertEquals("web feed of the partner: HTTP 500",
                s.publicMessage("https://example.org/gbfs/station_status.json?…: HTTP 500"));
    }

    @Test
    void databaseSourcesStillRead() throws IOException {
        Source s = read("regie:jdbcUrl \"jdbc:h2:mem:x\" ; regie:user \"sa\"");
        assertEquals(Optional.of("jdbc:h2:mem:x"), s.jdbcUrl());
        assertTrue(s.files().isEmpty());
    }

    @Test
    void mistakesNameTheLine() throws IOException {
        // The source's first property is on line 9; each mistake below is on line 9 or 10.
        assertEquals(dir.resolve("registry.ttl") + ":9:1: regie:file " + dir.resolve("fs/data/nope.csv") + ": no such file",
                reject("regie:file <fs/data/nope.csv>").replaceFirst(":9:\\d+:", ":9:1:"));
        assertTrue(reject("regie:url <ftp://example.org/x.csv>").contains("regie:url must be an http or https URL"));
        assertTrue(reject("regie:url \"not a url\"").contains("is not a URL"));
        assertTrue(reject("regie:url <f.json>").contains("not a file (use regie:file)"));
        assertTrue(reject("regie:file <fs/data/sites.csv> ;\n regie:encoding \"UTF-9\"")
                .matches(".*registry\\.ttl:10(:\\d+)?: regie:encoding \"UTF-9\" is not an encoding Java knows.*"));
        assertTrue(reject("regie:file <fs/data/sites.csv> ;\n regie:delimiter \";;\"")
                .matches(".*registry\\.ttl:10(:\\d+)?: regie:delimiter must be one character.*"));
        assertTrue(reject("regie:file <fs/data/sites.csv> ; regie:decimalSeparator \";\"").contains("must be \",\" or \".\""));
        assertTrue(reject("regie:file <fs/data/sites.csv> ; regie:headerRow 0").contains("regie:headerRow must be a positive whole number"));
        assertTrue(reject("regie:file <fs/data/sites.csv> ; regie:timeout \"soon\"").contains("regie:timeout must be a positive whole number of seconds"));
        assertTrue(reject("regie:file <fs/data/sites.csv> ; regie:header \"oui\"").contains("regie:header must be true or false"));
        assertTrue(reject("regie:file <fs/data/sites.csv> ;\n regie:delimeter \";\"")
                .matches(".*registry\\.ttl:10(:\\d+)?: unknown property regie:delimeter"));
        assertTrue(reject("regie:file <fs/data/sites.csv> ; regie:jdbcUrl \"jdbc:h2:mem:x\"").contains("a file or feed source cannot have regie:jdbcUrl"));
        assertTrue(reject("regie:file <fs/data/sites.csv> ; regie:mapping <m.ttl>").contains("a file or feed source cannot have regie:mapping"));
        assertTrue(reject("regie:embeddedDatabase \"x\" ; regie:delimiter \";\"").contains("regie:delimiter applies to a file or feed source"));
        assertTrue(reject("regie:file <fs/data/sites.csv> ; regie:url <https://example.org/x>").contains("not both"));
        assertTrue(reject("regie:encoding \"UTF-8\"").contains("regie:encoding applies to a file or feed source"));
    }
}
