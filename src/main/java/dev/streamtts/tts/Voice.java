package dev.streamtts.tts;

import dev.streamtts.audio.Pcm;

/** A neural voice: text in the voice's language to audio. Implementations own native sessions. */
public interface Voice extends AutoCloseable {

    /** What {@link #warmUp} says in the real voices: short, and readable in any language's front end. */
    String WARM_UP_TEXT = "OK, thank you.";

    /** The voice's name as users select it ({@code --voice NAME}). */
    String name();

    /** The rate of the audio it produces. */
    int sampleRate();

    /**
     * Speaks one sentence.
     *
     * @throws VoiceException when this sentence cannot be spoken; the next one may well be
     */
    Pcm synthesize(String text) throws VoiceException;

    /**
     * Speaks a short fixed text once and drops the audio, so that the first sentence a listener hears does
     * not pay for first use (the JIT, the phonemizer's dictionary, ONNX Runtime's first allocations).
     */
    default void warmUp() throws VoiceException {
    }

    @Override
    void close();
}
