package fr.regie.r2rml;

/**
 * Everything that can go wrong while reading a mapping or running it. The message is one line
 * that says where the problem is; a command line prints it as it is.
 */
public abstract sealed class R2rmlException extends RuntimeException
        permits MappingException, DataException, SourceException {

    protected R2rmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
