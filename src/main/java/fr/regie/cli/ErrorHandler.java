package fr.regie.cli;

import java.io.PrintWriter;

import fr.regie.r2rml.R2rmlException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints what went wrong in one line, prefixed {@code regie:}; the stack trace only with
 * {@code --verbose}. Known errors (mapping, data, database, usage of files) give exit code 1;
 * anything unexpected also gives 1 but says it is a bug worth reporting.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = false;
        for (ParseResult pr = parsed; pr != null; pr = pr.subcommand()) {
            verbose |= pr.hasMatchedOption("--verbose");
        }
        if (ex instanceof R2rmlException || ex instanceof UserException) {
            err.println("regie: " + ex.getMessage());
        } else {
            err.println("regie: unexpected error (please report it, with --verbose output): " + ex);
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCode(ex);
    }

    static int exitCode(Throwable t) {
        return t instanceof CommandLine.ParameterException ? 2 : 1;
    }

    /** A mistake of the person running the command, told in one line. */
    static final class UserException extends RuntimeException {
        UserException(String message) {
            super(message);
        }
    }
}
