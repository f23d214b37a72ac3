package dev.streamtts.audio;

import java.util.Arrays;
import java.util.List;

/**
 * Mono audio as float samples in [-1, 1] at a sample rate: what a voice produces and a sink consumes.
 * Immutable: the samples are copied in, and {@link #samples()} hands out a copy.
 */
public record Pcm(float[] samples, int sampleRate) {
    public Pcm {
        if (sampleRate < 1000 || sampleRate > 384_000) {
            throw new IllegalArgumentException("unsupported sample rate: " + sampleRate);
        }
        samples = samples.clone();
    }

    /** The parts one after the other (a voice's runs of one sentence). */
    public static Pcm concat(List<float[]> parts, int sampleRate) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return new Pcm(out, sampleRate);
    }

    /** Silence of the given length. */
    public static Pcm silence(double seconds, int sampleRate) {
        return new Pcm(new float[(int) Math.round(Math.max(0, seconds) * sampleRate)], sampleRate);
    }

    @Override
    public float[] samples() {
        return samples.clone();
    }

    /** The samples without a copy, for this package's sinks, which only read them. */
    float[] view() {
        return samples;
    }

    public int length() {
        return samples.length;
    }

    public double seconds() {
        return samples.length / (double) sampleRate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pcm p && p.sampleRate == sampleRate && Arrays.equals(p.samples, samples);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(samples) + sampleRate;
    }

    @Override
    public String toString() {
        return "Pcm[" + samples.length + " samples @ " + sampleRate + " Hz]";
    }
}
