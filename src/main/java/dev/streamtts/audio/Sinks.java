package dev.streamtts.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The outputs of a run, assembled: the sound device (unless "none"), a WAV file, or both. */
public final class Sinks {
    private static final Logger log = LoggerFactory.getLogger(Sinks.class);

    private Sinks() {
    }

    /**
     * @param device     part of a device name; "" the system's default device (its absence is logged and
     *                   the run goes on without playback); "none" no playback
     * @param wav        a WAV file to write as well, or null
     * @throws NoDeviceException when a device named so is not there
     * @throws IOException       when the WAV file cannot be created
     */
    public static AudioSink open(String device, int bufferMs, Path wav, int sampleRate)
            throws NoDeviceException, IOException {
        List<AudioSink> sinks = new ArrayList<>();
        if (!device.equalsIgnoreCase("none")) {
            try {
                sinks.add(SpeakerSink.open(device, sampleRate, bufferMs));
            } catch (NoDeviceException e) {
                if (!device.isBlank()) {
                    throw e;
                }
                log.warn("No sound device: {}. Continuing without playback{}.", e.getMessage(),
                        wav == null ? " (use --wav FILE to keep the speech)" : "");
            }
        }
        if (wav != null) {
            try {
                sinks.add(new WavFileSink(wav, sampleRate));
            } catch (IOException e) {
                sinks.forEach(AudioSink::close);
                throw e;
            }
        }
        // Even one output goes through the tee: it is what reports a failing output once and clearly.
        return sinks.isEmpty() ? new NullSink() : new TeeSink(sinks);
    }
}
