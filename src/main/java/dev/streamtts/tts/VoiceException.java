package dev.streamtts.tts;

/** One sentence could not be synthesized. */
public class VoiceException extends Exception {
    public VoiceException(String message, Throwable cause) {
        super(message, cause);
    }

    public VoiceException(String message) {
        super(message);
    }
}
