package dev.streamtts.audio;

/** Float samples to signed 16-bit little-endian PCM, the format every sound line and WAV reader takes. */
final class Pcm16 {
    private Pcm16() {
    }

    static byte[] encode(float[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            float f = samples[i];
            // Clip instead of wrapping around: an overshoot must not turn into a loud crack.
            int v = Float.isNaN(f) ? 0 : Math.round(Math.max(-1f, Math.min(1f, f)) * 32767f);
            out[2 * i] = (byte) v;
            out[2 * i + 1] = (byte) (v >> 8);
        }
        return out;
    }
}
