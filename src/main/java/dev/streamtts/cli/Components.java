package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.ConfigKeys;
import dev.streamtts.cli.config.Settings;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.translate.GenerationOptions;
import dev.streamtts.translate.LanguageCode;
import dev.streamtts.translate.NllbTranslator;
import dev.streamtts.translate.Translator;
import dev.streamtts.tts.Voice;
import dev.streamtts.tts.VoiceCatalog;
import dev.streamtts.tts.VoiceOptions;
import dev.streamtts.tts.Voices;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the model-backed parts (translator, voice) that the configuration asks for. */
final class Components {
    private static final Logger log = LoggerFactory.getLogger(Components.class);

    private final Env env;
    private final Settings settings;

    Components(Env env, Settings settings) {
        this.env = env;
        this.settings = settings;
    }

    Path modelsDir() throws ConfigException {
        return env.appHome().resolve(settings.get(ConfigKeys.MODELS_DIR));
    }

    OnnxOptions onnxOptions() throws ConfigException {
        return new OnnxOptions(settings.get(ConfigKeys.ONNX_PROVIDER), settings.get(ConfigKeys.ONNX_THREADS),
                modelsDir().resolve(".coreml-cache"));
    }

    /** The language the voice speaks: the target language, or the source with translation off. */
    LanguageCode spokenLanguage() throws ConfigException {
        return settings.get(ConfigKeys.TRANSLATE_ENABLED)
                ? settings.get(ConfigKeys.TRANSLATE_TARGET) : settings.get(ConfigKeys.TRANSLATE_SOURCE);
    }

    VoiceCatalog voices() throws ConfigException {
        return VoiceCatalog.scan(modelsDir());
    }

    Translator translator() throws ConfigException, ModelException {
        GenerationOptions generation = new GenerationOptions(settings.get(ConfigKeys.TRANSLATE_NUM_BEAMS),
                settings.get(ConfigKeys.TRANSLATE_MAX_LENGTH), 1.0, settings.get(ConfigKeys.TRANSLATE_MAX_RATIO));
        return NllbTranslator.open(new NllbTranslator.Settings(modelsDir().resolve(settings.get(ConfigKeys.TRANSLATE_MODEL)),
                settings.get(ConfigKeys.TRANSLATE_PRECISION), settings.get(ConfigKeys.TRANSLATE_SOURCE),
                settings.get(ConfigKeys.TRANSLATE_TARGET), generation, settings.get(ConfigKeys.TRANSLATE_CACHE),
                onnxOptions()));
    }

    Voice voice() throws ConfigException, ModelException {
        VoiceCatalog catalog = voices();
        VoiceCatalog.Entry entry = chooseVoice(catalog);
        String language = spokenLanguage().locale().getLanguage();
        if (!entry.language().equals(language)) {
            log.warn("voice {} speaks '{}', but the text will be in {} ({})", entry.name(), entry.language(),
                    spokenLanguage().displayName(), spokenLanguage());
        }
        VoiceOptions options = new VoiceOptions(blankToNull(settings.get(ConfigKeys.VOICE_SPEAKER)),
                settings.get(ConfigKeys.VOICE_SPEED), settings.get(ConfigKeys.VOICE_NOISE_SCALE),
                settings.get(ConfigKeys.VOICE_NOISE_W));
        return Voices.open(entry, options, onnxOptions());
    }

    private VoiceCatalog.Entry chooseVoice(VoiceCatalog catalog) throws ConfigException, ModelException {
        String name = settings.get(ConfigKeys.VOICE_NAME);
        LanguageCode spoken = spokenLanguage();
        if (!name.equals("auto")) {
            VoiceCatalog.Entry chosen = catalog.find(name).orElse(null);
            if (chosen == null) {
                throw new ModelException(notInstalled("voice '" + name + "'", catalog));
            }
            return chosen;
        }
        Map<String, String> defaults = settings.map(ConfigKeys.VOICE_DEFAULTS);
        String preferred = defaults.get(spoken.code());
        if (preferred != null && catalog.find(preferred).isPresent()) {
            return catalog.find(preferred).get();
        }
        VoiceCatalog.Entry any = catalog.anyFor(spoken.locale().getLanguage()).orElse(null);
        if (any != null) {
            log.info("voice {} ({}): the default for {} is {}", any.name(), any.language(), spoken,
                    preferred == null ? "not set (voice.defaults)" : preferred + ", which is not installed");
            return any;
        }
        throw new ModelException(notInstalled("a voice for " + spoken.displayName() + " (" + spoken + ")"
                + (preferred == null ? "" : ", such as " + preferred + ","), catalog));
    }

    private String notInstalled(String what, VoiceCatalog catalog) throws ConfigException {
        String installed = catalog.entries().isEmpty() ? "none" : String.join(", ",
                catalog.entries().stream().map(VoiceCatalog.Entry::name).toList());
        return what + " is not installed in " + modelsDir() + " (installed: " + installed
                + "); 'stream-tts voices' lists them";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
