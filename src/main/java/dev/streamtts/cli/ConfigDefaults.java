package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.ConfigFiles;
import dev.streamtts.cli.config.RawValue;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Picocli's defaults for the options that set a config.yaml key ({@link Sets}): the key's value in the
 * config files, so that {@code --help} shows what a run would use. Only for showing: a run takes its
 * values from the files and the options given ({@link ConfigOptions#load}).
 */
final class ConfigDefaults implements IDefaultValueProvider {
    private final Env env;
    private final Map<Path, Map<String, RawValue>> read = new HashMap<>(); // asked once per option

    ConfigDefaults(Env env) {
        this.env = env;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        Sets sets = sets(arg);
        if (sets == null || !sets.to().isEmpty()) {
            return null;
        }
        RawValue raw = files(arg).get(sets.value());
        return raw == null ? null : raw.text();
    }

    static Sets sets(ArgSpec arg) {
        return arg.userObject() instanceof Field f ? f.getAnnotation(Sets.class) : null;
    }

    /** The files, with --config when it has been parsed (for --help it has); the built-in one when one is broken. */
    private Map<String, RawValue> files(ArgSpec arg) {
        OptionSpec config = arg.command().findOption("--config");
        Path explicit = config == null ? null : config.getValue();
        return read.computeIfAbsent(explicit, file -> {
            try {
                return new ConfigFiles(env.userConfigDir(), env.workingDir()).merged(file);
            } catch (ConfigException e) {
                return builtIn(); // the command says what is wrong when it loads them
            }
        });
    }

    private static Map<String, RawValue> builtIn() {
        try {
            return ConfigFiles.builtIn();
        } catch (ConfigException e) {
            return Map.of();
        }
    }
}
