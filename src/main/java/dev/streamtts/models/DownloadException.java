package dev.streamtts.models;

/** A download failed; the message says why in a user's terms (no network, not found, disk full, bad checksum). */
public class DownloadException extends Exception {
    public DownloadException(String message) {
        super(message);
    }

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
