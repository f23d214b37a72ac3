package dev.streamtts.tts.kokoro;

import dev.streamtts.tts.espeak.EspeakException;
import dev.streamtts.tts.espeak.EspeakPhonemizer;

/**
 * Spanish, French, Hindi, Italian and Brazilian Portuguese for Kokoro: espeak-ng IPA with misaki's
 * small rewrite for those voices (diphthongs and affricates to Kokoro's single symbols).
 */
final class KokoroEspeak implements KokoroFrontend {
    private static final String[][] REWRITES = {
        {"a^ɪ", "I"}, {"a^ʊ", "W"}, {"d^z", "ʣ"}, {"d^ʒ", "ʤ"}, {"e^ɪ", "A"}, {"o^ʊ", "O"}, {"ə^ʊ", "Q"},
        {"s^s", "S"}, {"t^s", "ʦ"}, {"t^ʃ", "ʧ"}, {"ɔ^ɪ", "Y"},
    };

    private final EspeakPhonemizer espeak;

    private KokoroEspeak(EspeakPhonemizer espeak) {
        this.espeak = espeak;
    }

    static KokoroEspeak forVoice(String espeakVoice) throws EspeakException {
        return new KokoroEspeak(EspeakPhonemizer.forVoice(espeakVoice, '^'));
    }

    @Override
    public String phonemes(String text) throws dev.streamtts.tts.VoiceException {
        try {
            String s = String.join(" ", espeak.sentences(text));
            for (String[] r : REWRITES) {
                s = s.replace(r[0], r[1]);
            }
            s = s.replace("^", "").replace("-", "");
            return s.replace('(', '\u0001').replace(')', '»').replace('\u0001', '«');
        } catch (EspeakException e) {
            throw new dev.streamtts.tts.VoiceException(e.getMessage(), e);
        }
    }
}
