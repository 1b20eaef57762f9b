package fr.regie.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code regie bench}: placeholder replaced by the benchmark harness. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (see BENCHMARKS.md).")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new ErrorHandler.UserException("not built yet");
    }
}
