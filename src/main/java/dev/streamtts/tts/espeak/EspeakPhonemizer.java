package dev.streamtts.tts.espeak;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text to IPA phonemes with espeak-ng, clause by clause, the way Piper prepares its input: each clause's
 * phonemes, language-switch marks such as {@code (en)} removed, followed by the clause's punctuation
 * ({@code .?!} as is, {@code , : ;} with a space), grouped into sentences, in Unicode NFD.
 *
 * <p>Debian 12's espeak-ng 1.51 has no call that reports a clause's punctuation, so it is read from the
 * text espeak consumed for that clause (which ends with one character of look-ahead).
 */
public final class EspeakPhonemizer {
    private static final Pattern LANGUAGE_SWITCH = Pattern.compile("\\([^)]+\\)");

    private final String voice;
    private final int phonemeMode;

    private EspeakPhonemizer(String voice, int phonemeMode) {
        this.voice = voice;
        this.phonemeMode = phonemeMode;
    }

    /** A phonemizer for an espeak-ng voice ("en-us", "de", "en-gb-x-rp"); fails if the voice is unknown. */
    public static EspeakPhonemizer forVoice(String voice) throws EspeakException {
        return forVoice(voice, (char) 0);
    }

    /**
     * As {@link #forVoice(String)}, with {@code tie} joining the letters of multi-letter phonemes
     * ({@code a^ɪ} for aɪ), which tells a diphthong from two vowels; 0 for none.
     */
    public static EspeakPhonemizer forVoice(String voice, char tie) throws EspeakException {
        synchronized (Espeak.LOCK) {
            if (!Espeak.select(voice)) {
                throw new EspeakException("espeak-ng has no voice '" + voice + "' (see 'espeak-ng --voices')");
            }
        }
        int mode = EspeakLibrary.PHONEMES_IPA | (tie == 0 ? 0 : EspeakLibrary.PHONEMES_TIE | (tie << 8));
        return new EspeakPhonemizer(voice, mode);
    }

    public String voice() {
        return voice;
    }

    /** The phonemes of each sentence of {@code text}; empty sentences are left out. */
    public List<String> sentences(String text) throws EspeakException {
        List<String> sentences = new ArrayList<>();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return sentences;
        }
        EspeakLibrary lib = Espeak.get();
        try (Memory buffer = new Memory(bytes.length + 1L)) {
            buffer.write(0, bytes, 0, bytes.length);
            buffer.setByte(bytes.length, (byte) 0);
            phonemize(lib, buffer, bytes, sentences);
        }
        return sentences;
    }

    private void phonemize(EspeakLibrary lib, Memory buffer, byte[] bytes, List<String> sentences)
            throws EspeakException {
        StringBuilder sentence = new StringBuilder();
        long base = Pointer.nativeValue(buffer);
        synchronized (Espeak.LOCK) { // one text at a time: espeak keeps the clause look-ahead in a global
            if (!Espeak.select(voice)) {
                throw new EspeakException("espeak-ng could not select voice '" + voice + "'");
            }
            PointerByReference cursor = new PointerByReference(buffer);
            int from = 0;
            while (true) {
                Pointer out = lib.espeak_TextToPhonemes(cursor, EspeakLibrary.CHARS_UTF8, phonemeMode);
                String ipa = out == null ? "" : out.getString(0, "UTF-8");
                Pointer next = cursor.getValue();
                int to = next == null ? bytes.length : (int) Math.min(bytes.length, Pointer.nativeValue(next) - base);
                String consumed = new String(bytes, from, Math.max(0, to - from), StandardCharsets.UTF_8);
                Terminator end = Terminator.of(consumed, next != null);
                sentence.append(LANGUAGE_SWITCH.matcher(ipa).replaceAll("")).append(end.appended());
                if (end.endsSentence() || next == null) {
                    add(sentences, sentence);
                }
                if (next == null) {
                    break;
                }
                from = Math.max(from, to);
            }
        }
    }

    private static void add(List<String> sentences, StringBuilder sentence) {
        String s = Normalizer.normalize(sentence.toString().strip(), Normalizer.Form.NFD);
        if (!s.isEmpty()) {
            sentences.add(s);
        }
        sentence.setLength(0);
    }
}
