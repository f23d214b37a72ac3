package dev.streamtts.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioTest {
    @TempDir
    Path dir;

    static Pcm sine(double seconds, int rate, double hz) {
        float[] s = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new Pcm(s, rate);
    }

    @Test
    void wavFileIsValidAfterEveryClipAndHoldsExactlyWhatWasWritten() throws Exception {
        Path wav = dir.resolve("out.wav");
        WavFileSink sink = new WavFileSink(wav, 22_050);
        sink.write(sine(0.5, 22_050, 440));
        // Read while still open: the header must already be right (this is what survives a kill).
        Path copy = dir.resolve("copy.wav");
        Files.copy(wav, copy);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(copy.toFile())) {
            assertThat(in.getFrameLength()).isEqualTo(11_025);
        }
        sink.write(Pcm.silence(0.2, 22_050));
        sink.write(sine(0.25, 22_050, 220));
        sink.close();
        sink.close(); // twice is fine
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat f = in.getFormat();
            assertThat(f.getSampleRate()).isEqualTo(22_050f);
            assertThat(f.getChannels()).isEqualTo(1);
            assertThat(f.getSampleSizeInBits()).isEqualTo(16);
            assertThat(in.getFrameLength()).isEqualTo(11_025 + 4_410 + 5_513);
            byte[] pcm = in.readAllBytes();
            short first = (short) ((pcm[2] & 0xFF) | (pcm[3] << 8));
            assertThat(first / 32767.0).isCloseTo(0.5 * Math.sin(2 * Math.PI * 440 / 22_050), within(1e-4));
        }
    }

    @Test
    void wavSinkResamplesClipsOfAnotherRate() throws Exception {
        Path wav = dir.resolve("r.wav");
        try (WavFileSink sink = new WavFileSink(wav, 48_000)) {
            sink.write(sine(1.0, 24_000, 440));
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            assertThat(in.getFrameLength()).isEqualTo(48_000);
        }
    }

    @Test
    void resamplingKeepsLengthAndSignal() {
        Pcm out = Resampler.toRate(sine(1.0, 24_000, 440), 48_000);
        assertThat(out.length()).isEqualTo(48_000);
        assertThat(out.sampleRate()).isEqualTo(48_000);
        float[] s = out.samples();
        // After the filter's short start-up, the signal is the same sine at the new rate (up to its delay).
        double peak = 0;
        for (int i = 1000; i < 47_000; i++) {
            peak = Math.max(peak, Math.abs(s[i]));
        }
        assertThat(peak).isCloseTo(0.5, within(0.01));
        assertThat(Resampler.toRate(sine(0.1, 22_050, 440), 22_050).length()).isEqualTo(2_205);
    }

    @Test
    void fadesRampBothEndsAndLeaveTheMiddle() {
        Pcm clip = new Pcm(filled(1000, 0.8f), 10_000);
        float[] s = Fades.apply(clip, 5).samples(); // 50 samples each end
        assertThat(s[0]).isZero();
        assertThat(s[999]).isZero();
        assertThat(s[25]).isCloseTo(0.4f, within(1e-6f));
        assertThat(s[500]).isEqualTo(0.8f);
        assertThat(Fades.apply(new Pcm(new float[3], 10_000), 5).length()).isEqualTo(3);
    }

    @Test
    void sixteenBitEncodingClipsInsteadOfWrapping() {
        byte[] b = Pcm16.encode(new float[] {2f, -2f, 0f, Float.NaN});
        assertThat((short) ((b[0] & 0xFF) | (b[1] << 8))).isEqualTo((short) 32767);
        assertThat((short) ((b[2] & 0xFF) | (b[3] << 8))).isEqualTo((short) -32767);
        assertThat((short) ((b[6] & 0xFF) | (b[7] << 8))).isEqualTo((short) 0);
    }

    @Test
    void aWavFileInAMissingFolderFailsAtOnce() {
        File bad = dir.resolve("no/such/dir/x.wav").toFile();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WavFileSink(bad.toPath(), 16_000))
                .isInstanceOf(java.io.IOException.class);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** An output that fails from its third clip on, as a full disk or a vanished device would. */
    static final class FailingSink implements AudioSink {
        int writes;
        boolean closed;

        @Override
        public long write(Pcm clip) throws AudioException {
            if (++writes > 2) {
                throw new AudioException("No space left on device");
            }
            return 0;
        }

        @Override
        public void finish() {
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String name() {
            return "failing output";
        }
    }

    @Test
    void oneFailingOutputIsDroppedOnceAndTheOtherGoesOn() throws Exception {
        Path wav = dir.resolve("kept.wav");
        FailingSink failing = new FailingSink();
        WavFileSink file = new WavFileSink(wav, 16_000);
        TeeSink tee = new TeeSink(java.util.List.of(failing, file));
        for (int i = 0; i < 6; i++) {
            tee.write(sine(0.1, 16_000, 440));
        }
        assertThat(failing.writes).isEqualTo(3); // never asked again after it failed
        assertThat(failing.closed).isTrue();
        assertThat(tee.failed()).isTrue();
        tee.finish();
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            assertThat(in.getFrameLength()).isEqualTo(6 * 1_600);
        }
        // with nothing left, every clip is an error the pipeline can count
        TeeSink alone = new TeeSink(java.util.List.of(new FailingSink()));
        alone.write(sine(0.1, 16_000, 440));
        alone.write(sine(0.1, 16_000, 440));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> alone.write(sine(0.1, 16_000, 440)))
                .isInstanceOf(AudioException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> alone.write(sine(0.1, 16_000, 440)))
                .hasMessageContaining("no output is left");
    }

    @Test
    void aWavThatReachesTheFormatsLimitGoesOnInANewFileAndEveryPartIsValid() throws Exception {
        Path wav = dir.resolve("long.wav");
        // 1,600 frames (3,200 bytes) a clip; a part holds at most 10,000 bytes here (4 GB in use).
        try (WavFileSink sink = new WavFileSink(wav, 16_000, 10_000)) {
            for (int i = 0; i < 7; i++) {
                sink.write(sine(0.1, 16_000, 440));
            }
            assertThat(sink.path()).isEqualTo(dir.resolve("long-3.wav"));
        }
        long frames = 0;
        for (String name : new String[] {"long.wav", "long-2.wav", "long-3.wav"}) {
            try (AudioInputStream in = AudioSystem.getAudioInputStream(dir.resolve(name).toFile())) {
                assertThat(in.getFrameLength()).isLessThanOrEqualTo(5_000);
                assertThat(in.readAllBytes()).hasSize((int) in.getFrameLength() * 2);
                frames += in.getFrameLength();
            }
        }
        assertThat(frames).isEqualTo(7 * 1_600);
        assertThat(WavFileSink.partPath(Path.of("a/speech"), 2)).isEqualTo(Path.of("a/speech-2"));
    }

    /** A device line that takes nothing, as when the sound server has gone away. */
    static javax.sound.sampled.SourceDataLine deadLine(AudioFormat format) {
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        return (javax.sound.sampled.SourceDataLine) java.lang.reflect.Proxy.newProxyInstance(
                AudioTest.class.getClassLoader(), new Class<?>[] {javax.sound.sampled.SourceDataLine.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getFormat" -> format;
                    case "getBufferSize" -> 8_000;
                    case "available" -> 0; // full, and it never plays
                    case "getLongFramePosition" -> 0L;
                    case "isOpen" -> closed.getCount() > 0;
                    case "close" -> {
                        closed.countDown();
                        yield null;
                    }
                    case "write" -> {
                        // what a line does once its sound server is gone: returns at once, having taken nothing
                        Thread.sleep(1);
                        yield 0;
                    }
                    default -> method.getReturnType() == boolean.class ? false : null;
                });
    }

    @Test
    void aDeviceThatStopsTakingAudioFailsTheWriteInsteadOfBlockingForever() {
        AudioFormat format = new AudioFormat(16_000, 16, 1, true, false);
        SpeakerSink sink = new SpeakerSink(deadLine(format), "the sound device", java.time.Duration.ofMillis(300));
        long t0 = System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sink.write(sine(1.0, 16_000, 440)))
                .isInstanceOf(AudioException.class).hasMessageContaining("took no audio for 0.3 s");
        assertThat((System.nanoTime() - t0) / 1e9).isBetween(0.25, 3.0);
    }
}
