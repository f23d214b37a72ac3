package dev.streamtts.tts.kokoro;

import com.atilika.kuromoji.unidic.kanaaccent.Tokenizer;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.tts.VoiceOptions;
import dev.streamtts.tts.espeak.EspeakException;
import dev.streamtts.tts.ja.EnglishWords;
import dev.streamtts.tts.ja.JapanesePhonemizer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a Kokoro voice with the front end its language needs. */
public final class KokoroVoices {
    private static final Logger log = LoggerFactory.getLogger(KokoroVoices.class);

    private KokoroVoices() {
    }

    public static KokoroVoice open(String name, Path model, Path voiceFile, VoiceOptions options, OnnxOptions onnx)
            throws ModelException {
        KokoroFrontend frontend = frontend(name);
        VoiceStyles styles = KokoroFiles.isZip(voiceFile) ? VoiceStyles.npz(voiceFile, name) : VoiceStyles.raw(voiceFile);
        KokoroVocab vocab = KokoroVocab.read(KokoroFiles.config(model));
        KokoroModel kokoro = KokoroModel.open(model, onnx);
        if (kokoro.wholeNumberSpeedOnly() && options.speed() != Math.rint(options.speed())) {
            log.warn("{} takes whole-number speeds only: speed {} becomes {}", model.getFileName(), options.speed(),
                    Math.round(options.speed()));
        }
        return new KokoroVoice(name, kokoro, styles, vocab, frontend, options.speed());
    }

    /** The phonemizer for a voice's language (its name's first letter). */
    public static KokoroFrontend frontend(String voice) throws ModelException {
        String language = KokoroFiles.language(voice);
        try {
            return switch (language) {
                case "ja" -> japanese();
                case "en" -> english(voice.startsWith("b"));
                case "es", "fr", "hi", "it", "pt" -> KokoroEspeak.forVoice(espeakVoice(voice));
                default -> throw new ModelException("Kokoro voice " + voice + ": its language ('" + language
                        + "') has no phonemizer in stream-tts; use a Japanese, English, Spanish, French, Hindi, "
                        + "Italian or Portuguese voice");
            };
        } catch (EspeakException e) {
            throw new ModelException("Kokoro voice " + voice + ": " + e.getMessage(), e);
        }
    }

    /**
     * The espeak-ng voice the front end of a Kokoro voice phonemizes with (for a Japanese voice: only the
     * English words in its text, which are spelled out without it), or null when there is none.
     */
    public static String espeakVoice(String voice) {
        return switch (KokoroFiles.language(voice)) {
            case "ja" -> KokoroEnglish.espeakVoice(false);
            case "en" -> KokoroEnglish.espeakVoice(voice.startsWith("b"));
            case "es", "fr", "hi", "it" -> KokoroFiles.language(voice);
            case "pt" -> "pt-br";
            default -> null;
        };
    }

    private static KokoroFrontend english(boolean british) throws EspeakException {
        KokoroEnglish english = KokoroEnglish.create(british);
        return text -> {
            try {
                return english.phonemes(text);
            } catch (EspeakException e) {
                throw new dev.streamtts.tts.VoiceException(e.getMessage(), e);
            }
        };
    }

    /**
     * The Japanese front end. Its dictionary takes over a second to load, so it loads on a background
     * thread while the Kokoro model loads; the first sentence waits for it if it has to.
     */
    private static KokoroFrontend japanese() {
        KokoroEnglish english = null;
        try {
            english = KokoroEnglish.create(false);
        } catch (EspeakException e) {
            log.warn("English words in Japanese text will be spelled out: {}", e.getMessage());
        }
        EnglishWords englishWords = english == null ? null : english::phonemes;
        CompletableFuture<JapanesePhonemizer> loading = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            JapanesePhonemizer phonemizer = new JapanesePhonemizer(new Tokenizer(), englishWords);
            log.debug("Japanese analyser ready in {} ms", (System.nanoTime() - start) / 1_000_000);
            return phonemizer;
        });
        return text -> loading.join().phonemes(text);
    }
}
