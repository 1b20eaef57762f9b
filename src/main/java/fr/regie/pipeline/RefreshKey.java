package fr.regie.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import fr.regie.r2rml.MappingException;
import fr.regie.r2rml.Position;
import fr.regie.territory.LinkMethod;
import fr.regie.registry.DatasetSpec;

/**
 * What a dataset's graph and its verdict depend on besides the source's rows: the mapping files,
 * the SHACL shapes files, the partner vocabulary files, Régie's ontology, the territory version its records are linked to, and
 * the way Régie writes terms. A row state (and with it the source fingerprint) is used only under
 * the key it was saved with: when any of these changed, the next refresh maps, compares and
 * validates everything again.
 */
record RefreshKey(String value) {
    /** Changes when the engine's lexical forms or the store's term identity change, so old row states are not trusted. */
    private static final String TERMS = "terms-2";
    private static final String ONTOLOGY = "ontology/regie.ttl";

    /** The key of a dataset; {@code territoryVersion} is the live version of the territory reference (0 for the territory itself). */
    static RefreshKey of(DatasetSpec spec, long territoryVersion) {
        StringBuilder sb = new StringBuilder(TERMS);
        for (Path p : spec.mappings()) {
            sb.append(";m:").append(sha256(p));
        }
        for (Path p : spec.shapes()) {
            sb.append(";s:").append(sha256(p));
        }
        // A vocabulary declares datatypes the gate checks (generated shapes) and terms the refresh reports as undeclared.
        for (Path p : spec.vocabularies()) {
            sb.append(";v:").append(sha256(p));
        }
        sb.append(";o:").append(ontologyHash());
        // How records are placed in communes is part of what the mapping makes of the rows.
        sb.append(";l:").append(spec.linkBy().name());
        if (spec.linkBy() != LinkMethod.NONE) {
            sb.append(";t:").append(territoryVersion);
        }
        // So is the scope: a record kept or left out depends on it.
        spec.within().forEach(w -> sb.append(";w:").append(w.getURI()));
        return new RefreshKey(sb.toString());
    }

    /** A file's SHA-256, in hexadecimal; a file that cannot be read is a mapping error (mappings, shapes, vocabularies). */
    static String sha256(Path p) {
        try {
            return sha256Of(p);
        } catch (IOException e) {
            throw new MappingException(Position.of(p.toString()), null, null, "cannot read " + p + ": " + e.getMessage());
        }
    }

    /** The ontology Régie was built with, as the server serves it. */
    private static String ontologyHash() {
        try (InputStream in = RefreshKey.class.getClassLoader().getResourceAsStream(ONTOLOGY)) {
            if (in == null) {
                throw new IllegalStateException(ONTOLOGY + " is not on the class path");
            }
            return hex(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ONTOLOGY + " from the class path", e);
        }
    }

    /** A file's SHA-256, in hexadecimal, read in chunks (a partner's file may be large). */
    static String sha256Of(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return hex(in);
        }
    }

    private static String hex(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
