package fr.regie.server.tap;

import fr.regie.error.RegieException;

/** A tap file that cannot be served, with the file and line of the problem. */
public final class TapException extends RegieException {
    private static final long serialVersionUID = 1L;

    public TapException(String file, int line, String message) {
        super(file + ":" + line + ": " + message, null);
    }
}
