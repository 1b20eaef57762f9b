package fr.regie.pipeline;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import fr.regie.r2rml.MappingDocument;
import fr.regie.r2rml.MappingException;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.TriplesMap;
import fr.regie.registry.DatasetSpec;

/**
 * What a mapping a partner uploads may do that the operator's may not: nothing with SQL. It runs
 * on the régie's connection to the dataset's database, which may see more than the partner's own
 * rows, and on H2 the SQL of an administrator can read and write the server's files. So an
 * uploaded R2RML mapping may only use the logical tables (table names and SQL queries, as
 * written) of the dataset's declared mapping: the partner tries other term maps, never other SQL
 * (to try other SQL, it runs {@code regie check} on its own database).
 */
final class UploadedMapping {
    private UploadedMapping() {}

    /** Why an uploaded mapping is refused, naming where; empty when it may run. */
    static Optional<String> refusal(MappingDocument uploaded, DatasetSpec spec) {
        if (uploaded.isRml()) {
            return Optional.empty();
        }
        Set<String> allowed = new HashSet<>();
        try {
            MappingDocument declared = MappingReader.read(spec.mappings());
            for (TriplesMap tm : declared.triplesMaps()) {
                allowed.add(normal(tm.logicalTable().effectiveQuery()));
            }
        } catch (MappingException e) {
            return Optional.of("the dataset's declared mapping cannot be read, so no uploaded SQL can be compared with it: " + e.getMessage());
        }
        for (TriplesMap tm : uploaded.triplesMaps()) {
            if (!allowed.contains(normal(tm.logicalTable().effectiveQuery()))) {
                return Optional.of(tm.position() + ": triples map " + tm.name() + ": an uploaded mapping may use only the logical tables"
                        + " of the dataset's declared mapping (the same rr:tableName or rr:sqlQuery, as written); this " + tm.logicalTable().describe()
                        + " is not one of them. To try other SQL, run regie check on your own database.");
            }
        }
        return Optional.empty();
    }

    /** SQL compared with its runs of white space made one space. */
    private static String normal(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }
}
