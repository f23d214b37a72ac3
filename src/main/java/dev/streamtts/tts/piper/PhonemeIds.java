package dev.streamtts.tts.piper;

import java.util.Map;

/**
 * Phonemes to model ids exactly as Piper builds them: {@code ^ _ p1 _ p2 _ … pn _ $} (BOS, a pad after
 * BOS and after every phoneme, EOS). A phoneme the voice does not know is skipped with its pad, and
 * counted.
 */
final class PhonemeIds {
    private final Map<Integer, int[]> map;
    private long unknown;

    PhonemeIds(Map<Integer, int[]> map) {
        this.map = map;
    }

    long[] of(String phonemes) {
        int[] pad = map.get(PiperConfig.PAD);
        int size = map.get(PiperConfig.BOS).length + pad.length + map.get(PiperConfig.EOS).length;
        for (int i = 0; i < phonemes.length(); ) {
            int cp = phonemes.codePointAt(i);
            i += Character.charCount(cp);
            int[] known = map.get(cp);
            size += known == null ? 0 : known.length + pad.length;
        }
        long[] ids = new long[size];
        int n = 0;
        n = put(ids, n, map.get(PiperConfig.BOS));
        n = put(ids, n, pad);
        for (int i = 0; i < phonemes.length(); ) {
            int cp = phonemes.codePointAt(i);
            i += Character.charCount(cp);
            int[] known = map.get(cp);
            if (known == null) {
                unknown++;
                continue;
            }
            n = put(ids, n, known);
            n = put(ids, n, pad);
        }
        put(ids, n, map.get(PiperConfig.EOS));
        return ids;
    }

    /** Phonemes skipped so far because the voice has no id for them (PiperVoiceTest checks the skipping with it). */
    long unknownCount() {
        return unknown;
    }

    private static int put(long[] ids, int n, int[] values) {
        for (int v : values) {
            ids[n++] = v;
        }
        return n;
    }
}
