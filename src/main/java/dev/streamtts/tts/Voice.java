package dev.streamtts.tts;

import dev.streamtts.audio.Pcm;

/** A neural voice: text in the voice's language to audio. Implementations own native sessions. */
public interface Voice extends AutoCloseable {

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

    @Override
    void close();
}
