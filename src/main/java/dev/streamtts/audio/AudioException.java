package dev.streamtts.audio;

/** A sink could not take audio (device lost, disk full). */
public class AudioException extends Exception {
    public AudioException(String message, Throwable cause) {
        super(message, cause);
    }

    public AudioException(String message) {
        super(message);
    }
}
