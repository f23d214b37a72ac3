package dev.streamtts.models;

/**
 * A model is missing, incomplete or corrupt. Raised at start-up only, with a message that names the
 * file and says how to get it; the program then exits with code 2 before reading any input.
 */
public class ModelException extends Exception {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
