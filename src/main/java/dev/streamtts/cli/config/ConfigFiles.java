package dev.streamtts.cli.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which {@code config.yaml} files apply, lowest precedence first: the one built into stream-tts (the
 * repository's documented config.yaml, which states every default), the user's
 * ({@code $XDG_CONFIG_HOME/stream-tts/config.yaml}, else {@code ~/.config/stream-tts/config.yaml}), the one
 * in the working directory, then the one named by {@code --config}. Command-line options go on top.
 */
public final class ConfigFiles {
    /** How the built-in file is named in messages. */
    static final String BUILT_IN = "the built-in config.yaml";

    private final Path userConfigDir;
    private final Path workingDir;

    public ConfigFiles(Path userConfigDir, Path workingDir) {
        this.userConfigDir = userConfigDir;
        this.workingDir = workingDir;
    }

    public static Path userConfigDir(String xdgConfigHome, String userHome) {
        Path base = xdgConfigHome != null && !xdgConfigHome.isBlank()
                ? Path.of(xdgConfigHome) : Path.of(userHome, ".config");
        return base.resolve("stream-tts");
    }

    /** The built-in configuration, no file or option on top. */
    public static Config defaults() throws ConfigException {
        Map<String, RawValue> builtIn = builtIn();
        return new ConfigBinder(builtIn, builtIn).bind();
    }

    /** The configuration of the files that exist (the explicit one must exist), with {@code commandLine} on top. */
    public LoadedConfig load(Path explicit, Map<String, RawValue> commandLine) throws ConfigException {
        Map<String, RawValue> values = merged(explicit);
        values.putAll(commandLine);
        return new LoadedConfig(new ConfigBinder(values, builtIn()).bind(), values);
    }

    /** Every file's values, each key from the file highest in precedence that sets it. */
    public Map<String, RawValue> merged(Path explicit) throws ConfigException {
        Map<String, RawValue> values = new LinkedHashMap<>(builtIn());
        YamlConfigReader reader = new YamlConfigReader();
        for (Path file : layers(explicit)) {
            values.putAll(reader.read(file));
        }
        return values;
    }

    List<Path> layers(Path explicit) throws ConfigException {
        List<Path> files = new ArrayList<>();
        Path user = userConfigDir.resolve("config.yaml");
        if (Files.isRegularFile(user)) {
            files.add(user);
        }
        Path local = workingDir.resolve("config.yaml");
        if (Files.isRegularFile(local) && !files.contains(local)) {
            files.add(local);
        }
        if (explicit != null) {
            Path file = workingDir.resolve(explicit);
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(explicit + ": no such config file (given with --config)");
            }
            files.remove(file);
            files.add(file);
        }
        return files;
    }

    /** The built-in file's values (it is the checkout's config.yaml, packaged by the build). */
    public static Map<String, RawValue> builtIn() throws ConfigException {
        try (InputStream in = ConfigFiles.class.getResourceAsStream("config.yaml")) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the jar");
            }
            return new YamlConfigReader().read(new InputStreamReader(in, StandardCharsets.UTF_8), BUILT_IN);
        } catch (IOException e) {
            throw new ConfigException(BUILT_IN + ": cannot read: " + e.getMessage(), e);
        }
    }
}
