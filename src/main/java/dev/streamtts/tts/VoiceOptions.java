package dev.streamtts.tts;

/**
 * How a voice should speak, whatever the voice.
 *
 * @param speaker    speaker name or number for multi-speaker voices; null for the voice's default
 * @param speed      1.0 normal, 1.25 a quarter faster
 * @param noiseScale Piper's noise_scale (expressiveness); null for the voice's own
 * @param noiseW     Piper's noise_w (rhythm variation); null for the voice's own
 */
public record VoiceOptions(String speaker, double speed, Double noiseScale, Double noiseW) {
    public VoiceOptions {
        if (!(speed >= 0.25 && speed <= 4.0)) {
            throw new IllegalArgumentException("speed must be between 0.25 and 4: " + speed);
        }
    }

    public static VoiceOptions defaults() {
        return new VoiceOptions(null, 1.0, null, null);
    }
}
