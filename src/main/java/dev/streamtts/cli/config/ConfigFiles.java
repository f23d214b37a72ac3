package dev.streamtts.cli.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which {@code config.yaml} files apply, lowest precedence first: the user's
 * ({@code $XDG_CONFIG_HOME/stream-tts/config.yaml}, else {@code ~/.config/stream-tts/config.yaml}), the one
 * in the working directory, then the one named by {@code --config}. Command-line options go on top.
 */
public final class ConfigFiles {
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

    /** The merged settings of all files that exist (the explicit one must exist). */
    public Settings load(Path explicit) throws ConfigException {
        Settings settings = new Settings();
        YamlConfigReader reader = new YamlConfigReader();
        for (Path file : layers(explicit)) {
            settings.overlay(reader.read(file));
        }
        return settings;
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
}
