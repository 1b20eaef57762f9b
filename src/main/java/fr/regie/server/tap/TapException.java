package fr.regie.server.tap;

/** A tap file that cannot be served, with the file and line of the problem. */
public final class TapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TapException(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
    }
}
