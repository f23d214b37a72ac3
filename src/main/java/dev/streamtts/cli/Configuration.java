package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.ConfigFiles;
import dev.streamtts.cli.config.ConfigKeys;
import dev.streamtts.cli.config.Settings;
import java.nio.file.Path;

/** Loads the layered configuration for a command, with the options every command shares. */
final class Configuration {
    private Configuration() {
    }

    static Settings load(Env env, Path configFile, Path modelsDir) throws ConfigException {
        Settings s = new ConfigFiles(env.userConfigDir(), env.workingDir()).load(configFile);
        if (modelsDir != null) {
            s.set(ConfigKeys.MODELS_DIR, env.workingDir().resolve(modelsDir).toString(), "--models-dir");
        }
        return s;
    }
}
