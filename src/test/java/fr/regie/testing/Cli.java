package fr.regie.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import fr.regie.cli.Main;

/** Runs the command line in-process and keeps what it printed. */
public record Cli(int exitCode, String out, String err) {

    public static Cli run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The error output's lines, without trailing blank ones. */
    public String[] errLines() {
        return err.strip().isEmpty() ? new String[0] : err.strip().split("\\R");
    }
}
