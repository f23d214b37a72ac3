package dev.streamtts.models;

/** The user stopped the download (Ctrl-C): not retried. */
final class InterruptedDownload extends Exception {
    InterruptedDownload(String message, Throwable cause) {
        super(message, cause);
    }
}
