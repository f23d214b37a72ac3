package dev.streamtts.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Sample-rate conversion with the JDK's own converter and its windowed-sinc filter (the default is
 * linear, which is audibly dull). The converter adds a few samples of latency at the end; the result
 * is cut to the exact length so that durations add up.
 */
final class Resampler {
    private Resampler() {
    }

    public static Pcm toRate(Pcm clip, int targetRate) {
        if (clip.sampleRate() == targetRate || clip.length() == 0) {
            return clip.sampleRate() == targetRate ? clip : new Pcm(new float[0], targetRate);
        }
        float[] in = clip.view();
        byte[] bytes = new byte[in.length * 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(in);
        AudioFormat source = floatFormat(clip.sampleRate(), Map.of());
        AudioFormat target = floatFormat(targetRate, Map.of("interpolation", "sinc"));
        try (AudioInputStream converted = AudioSystem.getAudioInputStream(target,
                new AudioInputStream(new ByteArrayInputStream(bytes), source, in.length))) {
            byte[] out = converted.readAllBytes();
            float[] samples = new float[out.length / 4];
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples);
            int expected = (int) Math.round(in.length * (double) targetRate / clip.sampleRate());
            return new Pcm(Arrays.copyOf(samples, expected), targetRate);
        } catch (IOException e) {
            throw new UncheckedIOException("resampling in memory failed", e);
        }
    }

    private static AudioFormat floatFormat(int rate, Map<String, Object> properties) {
        return new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, rate, 32, 1, 4, rate, false, properties);
    }
}
