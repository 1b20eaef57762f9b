package fr.regie.r2rml;

import fr.regie.error.RegieException;

/**
 * Everything that can go wrong while reading a mapping or running it. The message is one line
 * that says where the problem is; a command line prints it as it is.
 */
public abstract sealed class R2rmlException extends RegieException
        permits MappingException, DataException, SourceException {

    protected R2rmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
