package dev.streamtts.audio;

/** No sound device could be opened: none exists, it is busy, or none matches the name asked for. */
public class NoDeviceException extends AudioException {
    public NoDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
