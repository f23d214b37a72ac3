package dev.streamtts.audio;

/**
 * Where speech goes: a sound device, a WAV file, several of them, or nowhere. One sink lives for the
 * whole run, so consecutive clips follow each other without gaps.
 */
public interface AudioSink extends AutoCloseable {

    /**
     * Plays or stores a clip, blocking while a device needs time to take it.
     *
     * @return {@link System#nanoTime()} at which the clip's first sample is (estimated to be) heard
     */
    long write(Pcm clip) throws AudioException;

    /** End of speech: lets what was written play out (bounded in time), then releases the device. */
    void finish();

    /** Stops at once (Ctrl-C): frees a blocked {@link #write}, keeps files valid. Safe to call twice. */
    @Override
    void close();
}
