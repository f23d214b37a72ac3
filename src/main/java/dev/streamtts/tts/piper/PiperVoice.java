package dev.streamtts.tts.piper;

import ai.onnxruntime.OrtException;
import dev.streamtts.audio.Pcm;
import dev.streamtts.text.Cuts;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.tts.Voice;
import dev.streamtts.tts.VoiceException;
import dev.streamtts.tts.VoiceOptions;
import dev.streamtts.tts.espeak.EspeakException;
import dev.streamtts.tts.espeak.EspeakPhonemizer;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A Piper voice (VITS exported to ONNX, {@code NAME.onnx} + {@code NAME.onnx.json}). Text becomes
 * espeak-ng phonemes, phonemes become ids, each sentence is one model run; the raw model output (already
 * in [-1, 1]) is returned without Piper's per-sentence peak normalisation, so that loudness does not jump
 * between sentences of a stream.
 */
public final class PiperVoice implements Voice {
    /** Phonemes per model run: attention cost grows with the square of the length. */
    static final int MAX_PHONEMES = 400;
    /** Where an over-long phrase is cut, best first: each mark on its own, in this order. */
    private static final String[][] PHRASE_MARKS = {{". "}, {"? "}, {"! "}, {"; "}, {": "}, {", "}, {" "}};

    private final String name;
    private final PiperConfig config;
    private final PiperModel model;
    private final EspeakPhonemizer phonemizer;
    private final PhonemeIds ids;
    private final float[] scales;
    private final Long speakerId;

    private PiperVoice(String name, PiperConfig config, PiperModel model, EspeakPhonemizer phonemizer,
                       float[] scales, Long speakerId) {
        this.name = name;
        this.config = config;
        this.model = model;
        this.phonemizer = phonemizer;
        this.ids = new PhonemeIds(config.phonemeIds());
        this.scales = scales;
        this.speakerId = speakerId;
    }

    /** Loads {@code model} and the {@code .onnx.json} beside it. */
    public static PiperVoice open(Path model, VoiceOptions options, OnnxOptions onnx) throws ModelException {
        String fileName = model.getFileName().toString();
        String name = fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
        String fix = "download the voice again (stream-tts models download " + name + ")";
        Path json = model.resolveSibling(fileName + ".json");
        if (!json.toFile().isFile()) {
            throw new ModelException(json + ": missing (the voice's config); " + fix);
        }
        PiperConfig config = PiperConfig.read(json);
        EspeakPhonemizer phonemizer = null;
        if (config.phonemizerVoice() != null) {
            try {
                phonemizer = EspeakPhonemizer.forVoice(config.phonemizerVoice());
            } catch (EspeakException e) {
                throw new ModelException(name + ": " + e.getMessage(), e);
            }
        } else if (!config.phonemeType().equals("text")) {
            throw new ModelException(json + ": phoneme_type '" + config.phonemeType()
                    + "' is not supported (espeak and text are)");
        }
        Long speaker = speakerId(config, options.speaker(), json);
        float[] scales = {
            options.noiseScale() != null ? options.noiseScale().floatValue() : config.noiseScale(),
            (float) (config.lengthScale() / options.speed()),
            options.noiseW() != null ? options.noiseW().floatValue() : config.noiseW(),
        };
        PiperModel piper = PiperModel.open(model, onnx, "Piper voice " + name, fix);
        // A multi-speaker graph needs a speaker; Piper uses the first when none is chosen.
        return new PiperVoice(name, config, piper, phonemizer, scales, piper.multiSpeaker() ? (speaker == null ? 0L : speaker) : null);
    }

    private static Long speakerId(PiperConfig config, String speaker, Path json) throws ModelException {
        if (speaker == null || speaker.isBlank()) {
            return null;
        }
        Integer id = config.speakers().get(speaker);
        if (id == null && speaker.matches("\\d+")) {
            id = Integer.parseInt(speaker);
        }
        if (id == null || id < 0 || id >= Math.max(1, config.numSpeakers())) {
            throw new ModelException(json + ": no speaker '" + speaker + "'"
                    + (config.speakers().isEmpty() ? " (speakers are 0.." + (config.numSpeakers() - 1) + ")"
                    : " (speakers: " + String.join(", ", config.speakers().keySet()) + ")"));
        }
        return (long) id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int sampleRate() {
        return config.sampleRate();
    }

    public PiperConfig config() {
        return config;
    }

    @Override
    public Pcm synthesize(String text) throws VoiceException {
        List<float[]> parts = new ArrayList<>();
        for (String sentence : phonemes(text)) {
            for (String phrase : phrases(sentence)) {
                parts.add(run(ids.of(phrase)));
                double silence = trailingSilence(phrase);
                if (silence > 0) {
                    parts.add(new float[(int) (silence * config.sampleRate())]); // int(), as Piper
                }
            }
        }
        return Pcm.concat(parts, config.sampleRate());
    }

    @Override
    public void warmUp() throws VoiceException {
        synthesize(WARM_UP_TEXT);
    }

    /** The phoneme strings of the text's sentences. */
    List<String> phonemes(String text) throws VoiceException {
        if (phonemizer == null) { // phoneme_type "text": the letters are the phonemes
            String s = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
            return s.isEmpty() ? List.of() : List.of(s);
        }
        try {
            return phonemizer.sentences(text);
        } catch (EspeakException e) {
            throw new VoiceException(e.getMessage(), e);
        }
    }

    /** Cuts after phonemes that carry silence, and cuts anything too long for one run. */
    List<String> phrases(String sentence) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < sentence.length(); ) {
            int cp = sentence.codePointAt(i);
            i += Character.charCount(cp);
            if (config.phonemeSilence().containsKey(cp)) {
                out.add(sentence.substring(start, i));
                start = i;
            }
        }
        if (start < sentence.length()) {
            out.add(sentence.substring(start));
        }
        List<String> bounded = new ArrayList<>();
        for (String phrase : out) {
            splitLong(phrase, bounded);
        }
        return bounded;
    }

    private static void splitLong(String phrase, List<String> out) {
        String rest = phrase;
        while (rest.codePointCount(0, rest.length()) > MAX_PHONEMES) {
            int limit = rest.offsetByCodePoints(0, MAX_PHONEMES);
            int cut = Cuts.afterLastMark(rest, limit / 3 + 1, limit, PHRASE_MARKS);
            if (cut < 0) {
                cut = limit;
            }
            out.add(rest.substring(0, cut));
            rest = rest.substring(cut);
        }
        if (!rest.isBlank()) {
            out.add(rest);
        }
    }

    private double trailingSilence(String phrase) {
        if (phrase.isEmpty()) {
            return 0;
        }
        return config.phonemeSilence().getOrDefault(phrase.codePointBefore(phrase.length()), 0.0);
    }

    /** One model run: ids in, samples out. */
    float[] run(long[] phonemeIds) throws VoiceException {
        try {
            return model.run(phonemeIds, scales, speakerId == null ? 0 : speakerId);
        } catch (OrtException e) {
            throw new VoiceException("the voice model failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
