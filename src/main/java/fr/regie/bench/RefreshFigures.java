package fr.regie.bench;

import java.time.Duration;
import java.util.List;

/**
 * The figures of one run of the refresh benchmark: the two-step path, the straight load without
 * and with its patch, the graph's size around the change, and the two refreshes that follow.
 * The system's load average at the start tells whether something else was running meanwhile.
 */
public record RefreshFigures(long rows, long warmUpRows, double loadAverageAtStart, Duration generation, TwoStepLoad.Result twoStep,
                             PipelineRun straight, PipelineRun straightWithPatch, long changedRows,
                             long sizeAfterLoad, long sizeAfterRefresh, PipelineRun refreshChanged,
                             List<RowChange.Sample> samples, PipelineRun refreshUnchanged) {

    /** Straight load (no patch) time over the two-step path's time. */
    public double straightRatio() {
        return seconds(straight.measurement().elapsed()) / seconds(twoStep.elapsed());
    }

    /** Straight load with the version-1 patch, over the two-step path's time. */
    public double straightWithPatchRatio() {
        return seconds(straightWithPatch.measurement().elapsed()) / seconds(twoStep.elapsed());
    }

    /** The incremental refresh's time as a fraction of the full load's. */
    public double changedFraction() {
        return seconds(refreshChanged.measurement().elapsed()) / seconds(straight.measurement().elapsed());
    }

    /** The no-change refresh's time as a fraction of the full load's. */
    public double unchangedFraction() {
        return seconds(refreshUnchanged.measurement().elapsed()) / seconds(straight.measurement().elapsed());
    }

    static double seconds(Duration d) {
        return Math.max(d.toNanos(), 1) / 1e9;
    }
}
