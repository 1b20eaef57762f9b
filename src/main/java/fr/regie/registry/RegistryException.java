package fr.regie.pipeline;

import fr.regie.r2rml.Position;

/** A registry that cannot be used, with the file and line of the problem. */
public final class RegistryException extends RuntimeException {
    private final Position position;

    public RegistryException(Position position, String message) {
        super(position + ": " + message);
        this.position = position;
    }

    public Position position() {
        return position;
    }
}
