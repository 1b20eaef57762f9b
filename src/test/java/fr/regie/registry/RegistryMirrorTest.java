package fr.regie.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.territory.LinkMethod;

/** A dataset may mirror another Régie's; each mistake in declaring it names the registry's line. */
class RegistryMirrorTest {
    @TempDir
    Path dir;

    /** A registry whose dataset {@code d} (line 7) has {@code extra} on line 8 and the source {@code source} from line 10. */
    private Path registry(String extra, String source) throws IOException {
        Files.writeString(dir.resolve("m.ttl"), "# a mapping");
        Files.writeString(dir.resolve("s.ttl"), "# shapes");
        Path f = dir.resolve("registry.ttl");
        Files.writeString(f, """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "https://t.example/" ; regie:referenceDataset <#d> .
                <#p> foaf:name "P" .
                <#d> a dcat:Dataset ; dct:identifier "d" ; dct:title "D" ; dct:publisher <#p> ; regie:shapes <s.ttl> ;
                """ + extra + "\n  regie:source [\n" + source + "\n] .\n");
        return f;
    }

    private String reject(String extra, String source) throws IOException {
        Path f = registry(extra, source);
        return assertThrows(RegistryException.class, () -> Registry.read(f)).getMessage();
    }

    @Test
    void aMirrorAndItsSettings() throws IOException {
        DatasetSpec d = Registry.read(registry("", "regie:mirrorOf <https://regie.example/base/datasets/velib-stations> ;"
                + " regie:timeout 12 ; regie:maxBytes 1000")).dataset("d").orElseThrow();
        MirrorSource m = d.source().mirror().orElseThrow();
        assertEquals(URI.create("https://regie.example/base/datasets/velib-stations"), m.dataset());
        assertEquals("velib-stations", m.upstreamId());
        assertEquals(Duration.ofSeconds(12), m.timeout());
        assertEquals(1000L, m.maxBytes());
        assertEquals(URI.create("https://regie.example/base/datasets/velib-stations/changes?after=7&limit=100"), m.changes(7, 100));
        assertTrue(d.mappings().isEmpty());
        assertEquals(1, d.shapes().size(), "shapes still apply to a mirror");
        assertEquals(LinkMethod.NONE, d.linkBy(), "a mirror keeps the upstream's links");
        assertEquals("mirror of https://regie.example/base/datasets/velib-stations", d.source().publicDescription());
    }

    @Test
    void defaults() throws IOException {
        MirrorSource m = Registry.read(registry("regie:linkBy regie:NoLink ;", "regie:mirrorOf <http://localhost:3030/datasets/x>"))
                .dataset("d").orElseThrow().source().mirror().orElseThrow();
        assertEquals(MirrorSource.DEFAULT_TIMEOUT, m.timeout());
        assertEquals(MirrorSource.DEFAULT_MAX_BYTES, m.maxBytes());
    }

    @Test
    void aMappingBesideAMirrorIsAnError() throws IOException {
        String m = reject("regie:mapping <m.ttl> ;", "regie:mirrorOf <https://regie.example/datasets/x>");
        assertTrue(m.contains("registry.ttl:8:") && m.contains("no regie:mapping"), m);
    }

    @Test
    void aMirrorLinksNothingItself() throws IOException {
        String m = reject("regie:linkBy regie:Geometry ;", "regie:mirrorOf <https://regie.example/datasets/x>");
        assertTrue(m.contains("registry.ttl:8:") && m.contains("regie:NoLink"), m);
    }

    @Test
    void theUrlMustNameADatasetOfARegie() throws IOException {
        for (String bad : new String[] {"<https://regie.example/sparql>", "<ftp://regie.example/datasets/x>",
                "<https://regie.example/datasets/X_Y>", "<https://regie.example/datasets/x?key=1>", "\"not a url\""}) {
            String m = reject("", "regie:mirrorOf " + bad);
            assertTrue(m.contains("registry.ttl:10:") && m.contains("regie:mirrorOf must be the URL of another Régie's dataset"), bad + ": " + m);
        }
    }

    @Test
    void nothingElseStandsBesideAMirror() throws IOException {
        String m = reject("", "regie:mirrorOf <https://regie.example/datasets/x> ;\n regie:encoding \"UTF-8\"");
        assertTrue(m.contains("registry.ttl:11:") && m.contains("cannot have regie:encoding"), m);
        m = reject("", "regie:mirrorOf <https://regie.example/datasets/x> ;\n regie:timeout 0");
        assertTrue(m.contains("registry.ttl:11:") && m.contains("positive whole number of seconds"), m);
        m = reject("", "regie:mirrorOf <https://regie.example/datasets/x> , <https://regie.example/datasets/y>");
        assertTrue(m.contains("registry.ttl:10:") && m.contains("more than one regie:mirrorOf"), m);
    }
}
