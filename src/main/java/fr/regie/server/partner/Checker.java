package fr.regie.server.partner;

import fr.regie.pipeline.CheckReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import fr.regie.registry.DatasetSpec;

/**
 * Runs one check of a dataset with uploaded mapping files and an optional sample, in a work
 * folder of its own: the lead's {@code fr.regie.pipeline.Check} behind a seam the endpoint owns.
 * Never throws for the partner's errors: the report says them.
 */
interface Checker {
    CheckReport run(DatasetSpec dataset, List<Path> mappings, Optional<Path> sample, Path workDir, Duration timeout);
}
