package fr.regie.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.dboe.DBOpEnvException;

import fr.regie.error.RegieException;
import fr.regie.source.SourceFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Prints what went wrong in one line, prefixed {@code regie:}; the stack trace only with
 * {@code --verbose}. Known errors (a mapping, a registry, a partner's file, data, a database, a
 * file or store that is missing or in use) give exit code 1; bad usage (an unknown or missing
 * option, a value of the wrong form) gives 2 and names the command's {@code --help}; anything
 * else also gives 1 but says it is a bug worth reporting.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    /** TDB2's words when another process holds the store's lock. */
    private static final Pattern LOCKED = Pattern.compile("Failed to get a lock: file='(.*)[/\\\\]tdb\\.lock'(?:: held by process (\\d+))?.*");

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = false;
        for (ParseResult pr = parsed; pr != null; pr = pr.subcommand()) {
            verbose |= pr.hasMatchedOption("--verbose");
        }
        if (ex instanceof ParameterException bad) {
            return handleParseException(bad, new String[0]);
        }
        Optional<String> known = message(ex);
        err.println("regie: " + known.orElse("unexpected error (please report it, with --verbose output): " + ex));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCode(ex);
    }

    /** Bad usage: one line naming the mistake and where help is, exit code 2. */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("regie: " + ex.getMessage().strip() + " (see: " + cl.getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        return 2;
    }

    static int exitCode(Throwable t) {
        return t instanceof ParameterException ? 2 : 1;
    }

    /** The one line of an error that is not a bug, if it is one of those. */
    static Optional<String> message(Throwable ex) {
        return switch (ex) {
            case RegieException e -> Optional.of(e.getMessage());
            case UserException e -> Optional.of(e.getMessage());
            case SourceFileException e -> Optional.of(e.getMessage());
            case UncheckedIOException e -> Optional.of(e.getMessage().contains(describe(e.getCause()))
                    ? e.getMessage() : e.getMessage() + ": " + describe(e.getCause()));
            case IOException e -> Optional.of(describe(e));
            case DBOpEnvException e when e.getMessage() != null && LOCKED.matcher(e.getMessage()).matches() -> Optional.of(locked(e.getMessage()));
            default -> Optional.empty();
        };
    }

    private static String locked(String message) {
        Matcher m = LOCKED.matcher(message);
        m.matches();
        String by = m.group(2) == null ? "another process" : "another process (pid " + m.group(2) + ")";
        return "the store " + m.group(1) + " is in use by " + by + ": stop it first, or give another --store";
    }

    /** A file error as a person reads it: what happened, to which file. */
    private static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException f -> f.getReason() == null ? "no such file: " + f.getFile() : f.getReason() + ": " + f.getFile();
            case AccessDeniedException f -> "permission denied: " + f.getFile();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
        };
    }

    /** A mistake of the person running the command, told in one line. */
    static final class UserException extends RuntimeException {
        UserException(String message) {
            super(message);
        }
    }
}
