package dev.streamtts.translate;

import ai.onnxruntime.OrtException;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.ModelUse;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.onnx.SampleInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translation with NLLB-200 on ONNX Runtime. Sentences already in the target script are left alone,
 * recent translations are remembered, sentences that wait together are translated in one batch, and an
 * input too long for the model is translated in parts.
 */
public final class NllbTranslator implements Translator {
    private static final Logger log = LoggerFactory.getLogger(NllbTranslator.class);
    /** Inputs beyond this many tokens are cut at clause boundaries (NLLB was trained on up to 512). */
    static final int MAX_INPUT_TOKENS = 256;

    /**
     * @param cacheSize how many recent translations to remember (0: none)
     * @param shortlist whether the decoder's output is cut to the target script's tokens ({@link Shortlist})
     */
    public record Settings(Path modelDir, NllbFiles.Precision precision, LanguageCode source, LanguageCode target,
                           GenerationOptions generation, int cacheSize, OnnxOptions onnx, ShortlistMode shortlist) {
        /** With the whole vocabulary ({@link ShortlistMode#OFF}). */
        public Settings(Path modelDir, NllbFiles.Precision precision, LanguageCode source, LanguageCode target,
                        GenerationOptions generation, int cacheSize, OnnxOptions onnx) {
            this(modelDir, precision, source, target, generation, cacheSize, onnx, ShortlistMode.OFF);
        }

        public Settings withShortlist(ShortlistMode mode) {
            return new Settings(modelDir, precision, source, target, generation, cacheSize, onnx, mode);
        }
    }

    /** What {@link #warmUp} translates: a short, ordinary sentence. */
    static final String WARM_UP_TEXT = "The tests pass now.";

    private final Settings settings;
    private final NllbTokenizer tokenizer;
    private final NllbGenerator generator;
    private final long sourceId;
    private final long targetId;
    private final TargetScript targetScript;
    private final Map<String, String> cache;

    private NllbTranslator(Settings settings, NllbTokenizer tokenizer, NllbGenerator generator, long sourceId,
                           long targetId) {
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.generator = generator;
        this.sourceId = sourceId;
        this.targetId = targetId;
        this.targetScript = TargetScript.of(settings.source(), settings.target());
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > settings.cacheSize();
            }
        };
    }

    public static NllbTranslator open(Settings settings) throws ModelException {
        String name = settings.modelDir().getFileName().toString();
        String fix = fix(settings.modelDir());
        NllbFiles files = files(settings.modelDir(), settings.precision());
        NllbConfig config = NllbConfig.read(files.config());
        NllbTokenizer tokenizer = NllbTokenizer.open(files.tokenizer(), config.eosTokenId());
        try {
            long source = tokenizer.languageId(settings.source());
            long target = tokenizer.languageId(settings.target());
            NllbGenerator generator = NllbGenerator.open(files, config, settings.onnx(), fix,
                    shortlist(settings, files, config), settings.shortlist() == ShortlistMode.AUTO);
            Shortlist used = generator.shortlist();
            log.info("translating {} → {} with {} ({}, {}, {})", settings.source(), settings.target(), name,
                    settings.precision().name().toLowerCase(java.util.Locale.ROOT),
                    files.merged() ? "merged decoder" : "decoder pair",
                    used == null ? "full vocabulary" : String.format(java.util.Locale.ROOT,
                            "output shortlist of %,d of %,d tokens", used.size(), used.vocab()));
            return new NllbTranslator(settings, tokenizer, generator, source, target);
        } catch (ModelException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** The shortlist the settings ask for (null: the whole vocabulary); in auto mode null when it cannot be read. */
    private static Shortlist shortlist(Settings settings, NllbFiles files, NllbConfig config) throws ModelException {
        if (!settings.shortlist().applies(settings.generation().numBeams())) {
            return null;
        }
        try {
            Shortlist s = Shortlist.forTarget(files.tokenizer(), settings.target(), config);
            if (s == null && settings.shortlist() == ShortlistMode.ON) {
                throw new ModelException("translate.shortlist: on, but the script of " + settings.target()
                        + " is not one the shortlist knows");
            }
            return s;
        } catch (ModelException e) {
            if (settings.shortlist() == ShortlistMode.ON) {
                throw e;
            }
            log.warn("{}; translating with the full vocabulary", e.getMessage());
            return null;
        }
    }

    /**
     * The ONNX files {@link #open} would load from {@code modelDir}, each with its representative input
     * (reads config.json; loads nothing).
     */
    public static List<ModelUse> models(Path modelDir, NllbFiles.Precision precision) throws ModelException {
        NllbFiles files = files(modelDir, precision);
        SampleInput sample = NllbSamples.of(NllbConfig.read(files.config()));
        List<ModelUse> models = new ArrayList<>();
        models.add(new ModelUse("NLLB encoder", files.encoder(), sample));
        models.add(new ModelUse("NLLB decoder", files.decoder(), sample));
        if (!files.merged()) {
            models.add(new ModelUse("NLLB decoder (with past)", files.withPastDecoder(), sample));
        }
        return models;
    }

    /** The files {@link #open} would load from {@code modelDir} (nothing is loaded); the exception names what is missing. */
    public static NllbFiles files(Path modelDir, NllbFiles.Precision precision) throws ModelException {
        return NllbFiles.locate(modelDir, precision, true, fix(modelDir));
    }

    private static String fix(Path modelDir) {
        return "run 'stream-tts models download " + modelDir.getFileName() + "' (or export one with scripts/export_nllb.py)";
    }

    @Override
    public List<Optional<String>> translate(List<String> sentences) throws TranslationException {
        List<Optional<String>> out = new ArrayList<>();
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            String s = sentences.get(i);
            String cached = cache.get(s);
            if (targetScript != null && targetScript.written(s)) {
                out.add(Optional.empty());
            } else if (cached != null) {
                out.add(Optional.of(cached));
            } else {
                out.add(null);
                todo.add(i);
            }
        }
        if (!todo.isEmpty()) {
            List<String> texts = todo.stream().map(sentences::get).toList();
            List<String> translated = translateAll(texts);
            for (int j = 0; j < todo.size(); j++) {
                cache.put(texts.get(j), translated.get(j));
                out.set(todo.get(j), Optional.of(translated.get(j)));
            }
        }
        return out;
    }

    @Override
    public void warmUp() throws TranslationException {
        translateAll(List.of(WARM_UP_TEXT)); // not through the cache: a listener's sentence must not be a hit
    }

    /** Translates texts in one batch (long texts as several parts of it). */
    List<String> translateAll(List<String> texts) throws TranslationException {
        List<long[]> inputs = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            for (String part : parts(texts.get(i))) {
                inputs.add(tokenizer.encoderInput(part, sourceId));
                owner.add(i);
            }
        }
        long[][] generated;
        try {
            generated = generator.generate(inputs.toArray(long[][]::new), targetId, settings.generation());
        } catch (OrtException e) {
            throw new TranslationException("the translation model failed: " + e.getMessage(), e);
        }
        List<StringBuilder> joined = new ArrayList<>();
        texts.forEach(t -> joined.add(new StringBuilder()));
        for (int p = 0; p < generated.length; p++) {
            String text = tokenizer.decode(generated[p]);
            StringBuilder sb = joined.get(owner.get(p));
            if (sb.length() > 0 && !text.isEmpty() && !settings.target().script().matches("Jpan|Hans|Hant|Thai")) {
                sb.append(' ');
            }
            sb.append(text);
            if (generated[p].length >= settings.generation().limitFor(inputs.get(p).length)
                    && generated[p][generated[p].length - 1] != generator.config().eosTokenId()) {
                log.warn("translation of \"{}\" hit the length limit and was cut", abbreviate(texts.get(owner.get(p))));
            }
        }
        return joined.stream().map(StringBuilder::toString).toList();
    }

    /** Raw generated ids for one text, as transformers' generate() returns them (for tests and benchmarks). */
    long[] generateIds(String text, GenerationOptions options) throws OrtException {
        return generator.generate(new long[][] {tokenizer.encoderInput(text, sourceId)}, targetId, options)[0];
    }

    NllbTokenizer tokenizer() {
        return tokenizer;
    }

    LogitBuffers logitBuffers() {
        return generator.logitBuffers();
    }

    /** The shortlist the decoder computes, or null for the whole vocabulary. */
    public Shortlist shortlist() {
        return generator.shortlist();
    }

    /** The text in pieces the model can take, cut at sentence, clause or word boundaries. */
    List<String> parts(String text) {
        List<String> out = new ArrayList<>();
        cut(text, out);
        return out;
    }

    private void cut(String text, List<String> out) {
        if (tokenizer.tokens(text).length + 2 <= MAX_INPUT_TOKENS || text.length() < 16) {
            out.add(text);
            return;
        }
        int middle = text.length() / 2;
        int at = -1;
        for (String mark : new String[] {". ", "; ", ", ", " "}) {
            int before = text.lastIndexOf(mark, middle);
            int after = text.indexOf(mark, middle);
            int best = before < 0 ? after : after < 0 ? before : (middle - before <= after - middle ? before : after);
            if (best > 0) {
                at = best + mark.length();
                break;
            }
        }
        if (at <= 0 || at >= text.length()) {
            at = middle;
        }
        cut(text.substring(0, at).strip(), out);
        cut(text.substring(at).strip(), out);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    @Override
    public void close() {
        generator.close();
        tokenizer.close();
    }
}
