package fr.regie.pipeline;

import java.util.Map;

import org.apache.jena.riot.system.StreamRDF;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.R2rml;
import fr.regie.r2rml.RunStats;

/** A database source: R2RML over its tables, fingerprinted by the database itself ({@link SourceDigest}). */
record SqlSource(Database db) implements OpenedSource {

    @Override
    public RunStats map(MappingDocument mapping, Run run, StreamRDF sink) {
        R2rml.Builder b = R2rml.create().mapping(mapping).database(db).baseIri(run.baseIri()).progress(run.progress());
        if (run.gate() != null) {
            b.rowGate(run.gate());
        }
        if (run.maxRowsPerPass() != Long.MAX_VALUE) {
            b.maxRowsPerPass(run.maxRowsPerPass());
        }
        return b.build().run(sink);
    }

    @Override
    public Map<String, String> fingerprint(MappingDocument mapping) {
        return SourceDigest.compute(db, mapping);
    }

    @Override
    public void close() {
        db.close();
    }
}
