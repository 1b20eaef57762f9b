package fr.regie.stream;

/** The log could not be reached, did not acknowledge in time, or refused a message; the message says which. */
public final class LogException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean lasting;

    public LogException(String message) {
        this(message, false);
    }

    /** {@code lasting}: trying again will not help (a wrong URL, a stream that is another application's). */
    public LogException(String message, boolean lasting) {
        super(message);
        this.lasting = lasting;
    }

    /** Whether trying again will not help until someone changes the configuration. */
    public boolean lasting() {
        return lasting;
    }

    public LogException(String message, Throwable cause) {
        super(message, cause);
        this.lasting = cause instanceof IllegalArgumentException;
    }
}
