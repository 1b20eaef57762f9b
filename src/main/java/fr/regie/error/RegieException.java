package fr.regie.error;

/**
 * The family of errors a person can act on: a mapping, a registry, a partner's data or database
 * that cannot be used as it is. The message is one line that says where the problem is (a file
 * and line, a row, a column); a command line prints it as it is, with exit code 1, and a server
 * reports it to the operator. Anything else that escapes is a bug.
 */
public abstract class RegieException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected RegieException(String message, Throwable cause) {
        super(message, cause);
    }
}
