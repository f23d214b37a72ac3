package dev.streamtts.audio;

/**
 * Where speech goes: a sound device, a WAV file, several of them, or nowhere. One sink lives for the
 * whole run, so consecutive clips follow each other without gaps.
 */
public interface AudioSink extends AutoCloseable {

    /**
     * Plays or stores a clip, blocking while a device needs time to take it.
     *
     * @return nanoseconds from this call until the clip's first sample is (estimated to be) heard: a
     *         duration, not a time, so that the caller's clock dates it; 0 for an output not heard in real time
     */
    long write(Pcm clip) throws AudioException;

    /** End of speech: lets what was written play out (bounded in time), then releases the device. */
    void finish();

    /** Stops at once (Ctrl-C): frees a blocked {@link #write}, keeps files valid. Safe to call twice. */
    @Override
    void close();

    /** What it is, for messages: "the sound device", "WAV file speech.wav". */
    String name();

    /**
     * Seconds of audio that {@link #write} took but that were never heard or stored, because the sink
     * was closed first (the part of a clip cut off by Ctrl-C, a device buffer dropped at close).
     */
    default double unheardSeconds() {
        return 0;
    }

    /** True when an output the user asked for stopped working during the run. */
    default boolean failed() {
        return false;
    }
}
