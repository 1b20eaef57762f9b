package fr.regie.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.replication.RegistryBundle;

/**
 * A registry read by a node that only serves it: the demo's registry, packed as a primary
 * publishes it (without the partners' files and folders) and unpacked elsewhere, fails the full
 * check (a regie:file, a regie:loadFrom's schema.sql are not there) but reads for serving, with
 * the same datasets, access levels and keys as the original. Everything else is still checked:
 * a mapping that is not there, a typo in a property, a dataset's access level.
 */
class ServingRegistryTest {
    private static final Path DEMO = Path.of("examples/plaine-commune/registry.ttl");

    @TempDir
    Path dir;

    private Path unpacked() throws Exception {
        return RegistryBundle.pack(Registry.read(DEMO)).unpack(dir.resolve("bundle"), 256L << 20);
    }

    @Test
    void theDemoRegistryServesWithoutThePartnersFiles() throws Exception {
        Registry original = Registry.read(DEMO);
        Path file = unpacked();
        RegistryException full = assertThrows(RegistryException.class, () -> Registry.read(file));
        assertTrue(full.getMessage().contains("schema.sql") || full.getMessage().contains("no such file"), full.getMessage());
        Registry served = Registry.readForServing(file);
        assertEquals(ids(original), ids(served));
        for (DatasetSpec d : original.datasets()) {
            DatasetSpec s = served.dataset(d.id()).orElseThrow();
            assertEquals(original.accessOf(d), served.accessOf(s), d.id());
            assertEquals(d.accessPartners(), s.accessPartners(), d.id());
            assertEquals(d.mappings().size(), s.mappings().size(), d.id());
            assertEquals(d.source().publicDescription(), s.source().publicDescription(), d.id());
        }
        assertEquals(original.adminKeyEnv(), served.adminKeyEnv());
        assertEquals(original.partners().stream().map(p -> p.id() + " " + p.apiKeyEnv()).toList(),
                served.partners().stream().map(p -> p.id() + " " + p.apiKeyEnv()).toList());
        assertEquals(original.territory().baseIri(), served.territory().baseIri());
    }

    @Test
    void everythingElseIsStillChecked() throws Exception {
        Path file = unpacked();
        Path mapping = Registry.readForServing(file).datasets().get(1).mappings().get(0);
        Files.delete(mapping);
        RegistryException missing = assertThrows(RegistryException.class, () -> Registry.readForServing(file));
        assertTrue(missing.getMessage().contains(mapping.getFileName().toString()), missing.getMessage());

        Path other = RegistryBundle.pack(Registry.read(DEMO)).unpack(dir.resolve("typo"), 256L << 20);
        Files.writeString(other, Files.readString(other).replaceFirst("regie:accessLevel", "regie:accesLevel"));
        RegistryException typo = assertThrows(RegistryException.class, () -> Registry.readForServing(other));
        assertTrue(typo.getMessage().contains("accesLevel"), typo.getMessage());
    }

    private static List<String> ids(Registry r) {
        return r.datasets().stream().map(DatasetSpec::id).toList();
    }
}
