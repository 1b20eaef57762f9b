package fr.regie.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The output file of a phase: measured, then deleted so that ten million lines do not pile up under target/. */
final class OutputFile {
    private OutputFile() {}

    static long sizeAndDelete(Path file) {
        try {
            long size = Files.size(file);
            Files.delete(file);
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + file, e);
        }
    }
}
