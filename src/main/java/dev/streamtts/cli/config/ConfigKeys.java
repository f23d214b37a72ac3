package dev.streamtts.cli.config;

import dev.streamtts.pipeline.BacklogPolicy;
import dev.streamtts.text.CodeBlockPolicy;
import dev.streamtts.translate.LanguageCode;
import dev.streamtts.translate.NllbFiles;
import dev.streamtts.translate.NllbLanguages;
import dev.streamtts.translate.ShortlistMode;
import java.nio.file.Path;
import dev.streamtts.onnx.ExecutionProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every option of {@code config.yaml}. The file at the top of the repository documents each one; a test
 * keeps the two in step (same keys, same defaults).
 */
public final class ConfigKeys {
    public static final ConfigKey<Boolean> INPUT_SUBAGENTS =
            new ConfigKey<>("input.subagents", "false", Values.bool());
    public static final ConfigKey<Integer> INPUT_MAX_LINE_MB =
            new ConfigKey<>("input.max_line_mb", "64", Values.integer(1, 1024));

    public static final ConfigKey<CodeBlockPolicy> TEXT_CODE_BLOCKS =
            new ConfigKey<>("text.code_blocks", "skip", Values.choice(CodeBlockPolicy.class));
    public static final ConfigKey<String> TEXT_CODE_NOTICE =
            new ConfigKey<>("text.code_notice", "Code omitted.", Values.string());
    public static final ConfigKey<Integer> TEXT_MAX_SENTENCE_CHARS =
            new ConfigKey<>("text.max_sentence_chars", "300", Values.integer(40, 5000));

    public static final ConfigKey<Boolean> TRANSLATE_ENABLED =
            new ConfigKey<>("translate.enabled", "true", Values.bool());
    public static final ConfigKey<LanguageCode> TRANSLATE_SOURCE =
            new ConfigKey<>("translate.source_lang", "eng_Latn", NllbLanguages::parse);
    public static final ConfigKey<LanguageCode> TRANSLATE_TARGET =
            new ConfigKey<>("translate.target_lang", "jpn_Jpan", NllbLanguages::parse);

    public static final ConfigKey<String> TRANSLATE_MODEL =
            new ConfigKey<>("translate.model", "nllb-200-distilled-600M", Values.string());
    public static final ConfigKey<NllbFiles.Precision> TRANSLATE_PRECISION =
            new ConfigKey<>("translate.precision", "int8", Values.choice(NllbFiles.Precision.class));
    public static final ConfigKey<Integer> TRANSLATE_NUM_BEAMS =
            new ConfigKey<>("translate.num_beams", "1", Values.integer(1, 8));
    public static final ConfigKey<ShortlistMode> TRANSLATE_SHORTLIST =
            new ConfigKey<>("translate.shortlist", "auto", Values.choice(ShortlistMode.class));
    public static final ConfigKey<Integer> TRANSLATE_MAX_LENGTH =
            new ConfigKey<>("translate.max_length", "200", Values.integer(8, 1024));
    public static final ConfigKey<Double> TRANSLATE_MAX_RATIO =
            new ConfigKey<>("translate.max_ratio", "3.0", Values.number(0, 100));
    public static final ConfigKey<Integer> TRANSLATE_CACHE =
            new ConfigKey<>("translate.cache", "256", Values.integer(0, 100_000));

    public static final ConfigKey<String> VOICE_NAME =
            new ConfigKey<>("voice.name", "auto", Values.string());
    public static final ConfigKey<String> VOICE_SPEAKER =
            new ConfigKey<>("voice.speaker", "", Values.string());
    public static final ConfigKey<Double> VOICE_SPEED =
            new ConfigKey<>("voice.speed", "1.0", Values.number(0.25, 4.0));
    public static final ConfigKey<Double> VOICE_NOISE_SCALE =
            new ConfigKey<>("voice.noise_scale", "default", Values.numberOrDefault(0, 2));
    public static final ConfigKey<Double> VOICE_NOISE_W =
            new ConfigKey<>("voice.noise_w", "default", Values.numberOrDefault(0, 2));
    public static final ConfigKey<Boolean> VOICE_CHUNK =
            new ConfigKey<>("voice.chunk", "true", Values.bool());
    public static final ConfigMap<String> VOICE_DEFAULTS = new ConfigMap<>("voice.defaults", NllbLanguages::parse,
            Values.string(), orderedMap(
                    "jpn_Jpan", "jf_alpha",
                    "eng_Latn", "en_US-lessac-medium",
                    "deu_Latn", "de_DE-thorsten-medium",
                    "fra_Latn", "fr_FR-siwis-medium",
                    "spa_Latn", "es_ES-davefx-medium"));

    public static final ConfigKey<ExecutionProvider> ONNX_PROVIDER =
            new ConfigKey<>("onnx.provider", "auto", Values.choice(ExecutionProvider.class));
    public static final ConfigKey<Integer> ONNX_THREADS =
            new ConfigKey<>("onnx.threads", "0", Values.integer(0, 256));

    public static final ConfigKey<String> AUDIO_DEVICE =
            new ConfigKey<>("audio.device", "", Values.string());
    public static final ConfigKey<Integer> AUDIO_BUFFER_MS =
            new ConfigKey<>("audio.buffer_ms", "250", Values.integer(50, 5000));
    public static final ConfigKey<Integer> AUDIO_SENTENCE_SILENCE_MS =
            new ConfigKey<>("audio.sentence_silence_ms", "200", Values.integer(0, 10_000));
    public static final ConfigKey<Double> AUDIO_FADE_MS =
            new ConfigKey<>("audio.fade_ms", "5", Values.number(0, 50));

    public static final ConfigKey<BacklogPolicy> PIPELINE_BACKLOG =
            new ConfigKey<>("pipeline.backlog", "speak-all", Values.choice(BacklogPolicy.class));
    public static final ConfigKey<Integer> PIPELINE_CATCH_UP_AFTER_S =
            new ConfigKey<>("pipeline.catch_up_after_s", "30", Values.integer(1, 86_400));

    public static final ConfigKey<Path> MODELS_DIR =
            new ConfigKey<>("models.dir", "models", Values.path());
    public static final ConfigKey<Boolean> MODELS_AUTO_DOWNLOAD =
            new ConfigKey<>("models.auto_download", "true", Values.bool());
    public static final ConfigKey<String> MODELS_MANIFEST =
            new ConfigKey<>("models.manifest", "", Values.string());

    public static final List<ConfigKey<?>> ALL = List.of(
            INPUT_SUBAGENTS, INPUT_MAX_LINE_MB,
            TEXT_CODE_BLOCKS, TEXT_CODE_NOTICE, TEXT_MAX_SENTENCE_CHARS,
            TRANSLATE_ENABLED, TRANSLATE_SOURCE, TRANSLATE_TARGET, TRANSLATE_MODEL, TRANSLATE_PRECISION,
            TRANSLATE_NUM_BEAMS, TRANSLATE_SHORTLIST, TRANSLATE_MAX_LENGTH, TRANSLATE_MAX_RATIO, TRANSLATE_CACHE,
            VOICE_NAME, VOICE_SPEAKER, VOICE_SPEED, VOICE_NOISE_SCALE, VOICE_NOISE_W, VOICE_CHUNK,
            ONNX_PROVIDER, ONNX_THREADS,
            AUDIO_DEVICE, AUDIO_BUFFER_MS, AUDIO_SENTENCE_SILENCE_MS, AUDIO_FADE_MS,
            PIPELINE_BACKLOG, PIPELINE_CATCH_UP_AFTER_S,
            MODELS_DIR, MODELS_AUTO_DOWNLOAD, MODELS_MANIFEST);

    public static final List<ConfigMap<?>> MAPS = List.of(VOICE_DEFAULTS);

    private ConfigKeys() {
    }

    private static Map<String, String> orderedMap(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The map section named {@code path}, or null. */
    public static ConfigMap<?> mapSection(String path) {
        for (ConfigMap<?> m : MAPS) {
            if (m.section().equals(path)) {
                return m;
            }
        }
        return null;
    }

    public static ConfigKey<?> byPath(String path) {
        for (ConfigKey<?> key : ALL) {
            if (key.path().equals(path)) {
                return key;
            }
        }
        return null;
    }

    /** True when {@code path} names a section that holds keys ("audio"). */
    public static boolean isSection(String path) {
        for (ConfigKey<?> key : ALL) {
            if (key.path().startsWith(path + ".")) {
                return true;
            }
        }
        return MAPS.stream().anyMatch(m -> m.section().startsWith(path + "."));
    }
}
