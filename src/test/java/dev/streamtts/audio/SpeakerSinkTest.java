package dev.streamtts.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

/**
 * Plays through a real javax.sound mixer. CI gets one from a PulseAudio null sink behind ALSA's default
 * device (see .ci/run); where no device exists the test is skipped, saying so, never faked.
 */
class SpeakerSinkTest {

    @Test
    void playsClipsBackToBackOnARealDeviceAndStopsAtOnce() throws Exception {
        assumeFalse(AudioDevices.playbackDevices().isEmpty(),
                "no sound device on this machine (javax.sound lists no playback mixer)");
        SpeakerSink sink;
        try {
            sink = SpeakerSink.open(null, 22_050, 200);
        } catch (NoDeviceException e) {
            assumeFalse(true, "the sound device cannot be opened here: " + e.getMessage());
            return;
        }
        long start = System.nanoTime();
        sink.write(AudioTest.sine(0.3, 22_050, 440));
        sink.write(Pcm.silence(0.1, 22_050));
        sink.write(AudioTest.sine(0.3, 22_050, 660));
        sink.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        // Real playback takes real time: 0.7 s of audio cannot be done much faster than that.
        assertThat(seconds).isGreaterThan(0.5).isLessThan(5.0);

        SpeakerSink second = SpeakerSink.open(null, 24_000, 200);
        Thread stopper = new Thread(() -> {
            sleep(200);
            second.close();
        });
        long t0 = System.nanoTime();
        stopper.start();
        second.write(AudioTest.sine(5.0, 24_000, 440)); // returns early once closed
        assertThat((System.nanoTime() - t0) / 1e6).isLessThan(1_000);
        stopper.join();
    }

    @Test
    void aDeviceNameThatMatchesNothingIsAClearError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpeakerSink.open("no-such-device-xyz", 22_050, 200))
                .isInstanceOf(NoDeviceException.class)
                .hasMessageContaining("no-such-device-xyz")
                .hasMessageContaining("stream-tts devices");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
