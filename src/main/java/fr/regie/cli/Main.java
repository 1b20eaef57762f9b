package fr.regie.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code regie}: the entry point and its subcommands. */
@Command(name = "regie", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Régie: a territorial data utility. Partners' tables are lifted to RDF with R2RML, checked, kept fresh and served.",
        subcommands = {DemoCommand.class, ServeCommand.class, ReplicaCommand.class, QueryCommand.class, RefreshCommand.class, StatusCommand.class, ExportCommand.class,
                ChangesCommand.class, LoadCommand.class, MapCommand.class, CheckCommand.class, DraftCommand.class, ConformanceCommand.class, BenchCommand.class, WarmUpCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    @picocli.CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace with an error.")
    boolean verbose;

    private PrintStream out = System.out;

    public static void main(String[] args) {
        int code = run(System.out, System.err, args);
        System.exit(code);
    }

    /** Runs a command line and returns its exit code; tests call this directly. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        Main main = new Main();
        main.out = out;
        CommandLine cl = new CommandLine(main);
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        ErrorHandler errors = new ErrorHandler();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    /** Where commands write results that are bytes (RDF, query results): the process's standard output. */
    PrintStream out() {
        return out;
    }
}
