package fr.regie.bench;

import fr.regie.pipeline.RefreshResult;

/** One measured call into the pipeline (a bulk load or a refresh): the figures and what the pipeline said it did. */
record PipelineRun(Measurement measurement, RefreshResult result) {}
