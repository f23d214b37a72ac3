package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.ConfigFiles;
import dev.streamtts.cli.config.ConfigKeys;
import dev.streamtts.cli.config.Settings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that reads the configuration takes (a Picocli mixin: one declaration for the
 * main command, doctor, bench, models, voices and translate), and the layered configuration they load.
 */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE", order = 1,
            description = "Read options from this YAML file (on top of ./config.yaml and the user config).")
    Path config;

    @Option(names = "--models-dir", paramLabel = "DIR", order = 2,
            description = "Where models are stored (models.dir; default: models/ of the stream-tts checkout).")
    Path modelsDir;

    /** The configuration files, with --models-dir on top. */
    Settings load(Env env) throws ConfigException {
        return load(env, config, modelsDir);
    }

    static Settings load(Env env, Path configFile, Path modelsDir) throws ConfigException {
        Settings s = new ConfigFiles(env.userConfigDir(), env.workingDir()).load(configFile);
        if (modelsDir != null) {
            s.set(ConfigKeys.MODELS_DIR, env.workingDir().resolve(modelsDir).toString(), "--models-dir");
        }
        return s;
    }
}
