package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.ConfigKeys;
import dev.streamtts.cli.config.Settings;
import dev.streamtts.models.ModelException;
import dev.streamtts.translate.Translator;
import dev.streamtts.tts.Voice;
import java.nio.file.Path;

/** Opens the model-backed parts (translator, voice) that the configuration asks for. */
final class Components {
    private final Env env;
    private final Settings settings;

    Components(Env env, Settings settings) {
        this.env = env;
        this.settings = settings;
    }

    Path modelsDir() throws ConfigException {
        return env.appHome().resolve(settings.get(ConfigKeys.MODELS_DIR));
    }

    Translator translator() throws ConfigException, ModelException {
        throw new ModelException("translation to " + settings.get(ConfigKeys.TRANSLATE_TARGET)
                + " needs the NLLB-200 model, which is not installed in " + modelsDir()
                + "; use --no-translate to speak the original text");
    }

    Voice voice() throws ConfigException, ModelException {
        throw new ModelException("no voice '" + settings.get(ConfigKeys.VOICE_NAME) + "' is installed in "
                + modelsDir() + "; use --dry-run to see the sentences without speaking them");
    }
}
