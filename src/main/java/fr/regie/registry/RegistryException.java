package fr.regie.registry;

import fr.regie.error.RegieException;
import fr.regie.r2rml.Position;

/** A registry that cannot be used, with the file and line of the problem. */
public final class RegistryException extends RegieException {
    private static final long serialVersionUID = 1L;

    private final Position position;

    public RegistryException(Position position, String message) {
        super(position + ": " + message, null);
        this.position = position;
    }

    public Position position() {
        return position;
    }
}
