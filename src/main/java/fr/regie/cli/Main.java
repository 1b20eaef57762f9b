package fr.regie.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code regie}: the entry point and its subcommands. */
@Command(name = "regie", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Régie: a territorial data utility. Partners' tables are lifted to RDF with R2RML, checked, kept fresh and served.",
        subcommands = {DemoCommand.class, QueryCommand.class, MapCommand.class, DraftCommand.class, ConformanceCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    @picocli.CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace with an error.")
    boolean verbose;

    public static void main(String[] args) {
        int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    /** Runs a command line and returns its exit code; tests call this directly. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
