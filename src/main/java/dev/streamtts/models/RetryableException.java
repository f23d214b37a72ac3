package dev.streamtts.models;

/** A failure of one try that is worth resuming after (a cut connection, a busy server). */
final class RetryableException extends Exception {
    RetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
