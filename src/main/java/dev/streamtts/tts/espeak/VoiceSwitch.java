package dev.streamtts.tts.espeak;

/**
 * Selects espeak-ng's voice only when it changes. espeak-ng 1.51 reloads the voice on every
 * {@code espeak_SetVoiceByName} and keeps about 3 KB of each load for good (heaptrack over a
 * 2,000-sentence soak: 7.4 MB in 2,162 calls, all of it from that call), so selecting it for every
 * text made resident memory grow for as long as stream-tts ran. Not thread-safe: callers hold
 * {@link Espeak#LOCK}.
 */
final class VoiceSwitch {
    private final EspeakLibrary lib;
    private String current;

    /** @param current the voice already selected, or null for none */
    VoiceSwitch(EspeakLibrary lib, String current) {
        this.lib = lib;
        this.current = current;
    }

    /** @return false when espeak-ng has no such voice (the current one is then unknown) */
    boolean select(String voice) {
        if (voice.equals(current)) {
            return true;
        }
        current = null;
        if (lib.espeak_SetVoiceByName(voice) != EspeakLibrary.EE_OK) {
            return false;
        }
        current = voice;
        return true;
    }
}
