package fr.regie.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import fr.regie.registry.DatasetSpec;

/**
 * What a check is asked to map: a dataset of the registry, with other mapping files than the
 * declared ones if given, another source (a folder of files and {@code schema.sql}, or one file
 * replacing the declared file of a file source), only the first rows of each logical table or
 * source if {@code sample} is given, undeclared terms as errors when {@code strict}, and a time
 * limit.
 */
public record CheckRequest(DatasetSpec dataset, Optional<List<Path>> mappings, Optional<Path> source, OptionalLong sample,
                           boolean strict, Duration timeout, Optional<Path> uploads) {
    /** The longest a check may take when nobody says. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** A request of the operator's (mappings and files of the server's own folders). */
    public CheckRequest(DatasetSpec dataset, Optional<List<Path>> mappings, Optional<Path> source, OptionalLong sample,
                        boolean strict, Duration timeout) {
        this(dataset, mappings, source, sample, strict, timeout, Optional.empty());
    }

    /**
     * The same request, its mappings uploaded by a partner into {@code folder}: such a mapping may
     * use only the SQL of the dataset's declared mapping (its logical tables), reads only the
     * declared files and the files uploaded beside it, and makes at most
     * {@link Check#MAX_UPLOADED_TRIPLES} triples.
     */
    public CheckRequest uploadedInto(Path folder) {
        return new CheckRequest(dataset, mappings, source, sample, strict, timeout, Optional.of(folder));
    }

    public CheckRequest {
        mappings = mappings.map(List::copyOf);
        if (sample.isPresent() && sample.getAsLong() < 1) {
            throw new IllegalArgumentException("a sample is at least one row, not " + sample.getAsLong());
        }
    }

    /** The dataset as declared, everything read, warnings for undeclared terms. */
    public static CheckRequest of(DatasetSpec dataset) {
        return new CheckRequest(dataset, Optional.empty(), Optional.empty(), OptionalLong.empty(), false, DEFAULT_TIMEOUT);
    }
}
