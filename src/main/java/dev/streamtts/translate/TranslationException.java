package dev.streamtts.translate;

/** A sentence (or batch) could not be translated. */
public class TranslationException extends Exception {
    public TranslationException(String message, Throwable cause) {
        super(message, cause);
    }

    public TranslationException(String message) {
        super(message);
    }
}
