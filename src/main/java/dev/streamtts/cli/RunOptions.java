package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.LoadedConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that decide what a run needs (configuration, models, languages, voice, device): taken by
 * the main command, by {@code doctor}, which checks what a run with the same options would need, and by
 * {@code bench providers}. Each sets a config.yaml key ({@link Sets}).
 */
final class RunOptions {
    @Mixin
    ConfigOptions files = new ConfigOptions();

    @Mixin
    LanguageOptions languages = new LanguageOptions();

    @Sets(value = "translate.enabled", to = "false")
    @Option(names = "--no-translate", order = 5,
            description = "Speak the prose in the language it was written in (translate.enabled: false).")
    boolean noTranslate;

    @Sets("voice.name")
    @Option(names = "--voice", paramLabel = "NAME", order = 6, completionCandidates = Completions.Voices.class,
            description = "Voice to speak with (voice.name, now ${DEFAULT-VALUE}; 'auto': the default voice of the "
                    + "language spoken, or an installed voice for it when the default is not installed).")
    String voice;

    @Sets("voice.speed")
    @Option(names = "--speed", paramLabel = "X", order = 6,
            description = "Speaking rate: 1.0 normal, 1.5 half as fast again, 0.8 slower; the voice's own rate, "
                    + "not a pitch shift (voice.speed, now ${DEFAULT-VALUE}).")
    String speed;

    @Sets("audio.device")
    @Option(names = "--device", paramLabel = "NAME", order = 8,
            description = "Sound device to play on: any part of a name from 'stream-tts devices'; empty: the "
                    + "system's default device; 'none': do not play (audio.device, now '${DEFAULT-VALUE}').")
    String device;

    LoadedConfig load(Env env) throws ConfigException {
        return files.load(env);
    }
}
