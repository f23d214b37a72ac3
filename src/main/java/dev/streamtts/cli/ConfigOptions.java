package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.ConfigFiles;
import dev.streamtts.cli.config.LoadedConfig;
import dev.streamtts.cli.config.RawValue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The options every command that reads the configuration takes (a Picocli mixin: one declaration for the
 * main command, doctor, bench, models, voices, languages and translate), and the configuration they load:
 * the files, then every option of the command that {@link Sets} a key.
 */
final class ConfigOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--config", paramLabel = "FILE", order = 1,
            description = "Read options from this YAML file (on top of ./config.yaml and the user config).")
    Path config;

    @Sets("models.dir")
    @Option(names = "--models-dir", paramLabel = "DIR", order = 2,
            description = "Where models are stored (models.dir, now ${DEFAULT-VALUE}; relative in config.yaml: from "
                    + "the stream-tts checkout, on the command line: from the working directory).")
    Path modelsDir;

    LoadedConfig load(Env env) throws ConfigException {
        return load(env, Map.of());
    }

    /** @param fixed values the command itself sets, above everything else */
    LoadedConfig load(Env env, Map<String, RawValue> fixed) throws ConfigException {
        Map<String, RawValue> top = given(command.commandLine().getParseResult(), env);
        top.putAll(fixed);
        return new ConfigFiles(env.userConfigDir(), env.workingDir()).load(config, top);
    }

    /** The configuration of the files alone: what a command in {@code env} starts from. */
    static LoadedConfig fromFiles(Env env) throws ConfigException {
        return new ConfigFiles(env.userConfigDir(), env.workingDir()).load(null, Map.of());
    }

    /** The options given that set a key, as the top layer; a path given is taken from the working directory. */
    private static Map<String, RawValue> given(ParseResult parsed, Env env) {
        Map<String, RawValue> layer = new LinkedHashMap<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            Sets sets = ConfigDefaults.sets(option);
            if (sets == null) {
                continue;
            }
            Object value = option.getValue();
            String text = !sets.to().isEmpty() ? sets.to()
                    : value instanceof Path p ? env.workingDir().resolve(p).toString() : String.valueOf(value);
            layer.put(sets.value(), new RawValue(text, option.longestName()));
        }
        return layer;
    }
}
