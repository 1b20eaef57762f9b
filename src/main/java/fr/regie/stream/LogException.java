package fr.regie.stream;

/** The log could not be reached, did not acknowledge in time, or refused a message; the message says which. */
public final class LogException extends Exception {
    private static final long serialVersionUID = 1L;

    public LogException(String message) {
        super(message);
    }

    public LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
