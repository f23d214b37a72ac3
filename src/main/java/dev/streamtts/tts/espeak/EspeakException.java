package dev.streamtts.tts.espeak;

/** espeak-ng is missing, has no data, or does not know a voice. */
public class EspeakException extends Exception {
    public EspeakException(String message) {
        super(message);
    }

    public EspeakException(String message, Throwable cause) {
        super(message, cause);
    }
}
