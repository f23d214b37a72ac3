package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.ConfigKeys;
import dev.streamtts.cli.config.Settings;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that decide what a run needs (configuration, models, languages, voice, device): taken by
 * the main command and by {@code doctor}, which checks what a run with the same options would need.
 */
final class RunOptions {
    @Mixin
    ConfigOptions files = new ConfigOptions();

    @Option(names = "--source-lang", paramLabel = "CODE", order = 3, completionCandidates = Completions.Languages.class,
            description = "Language Claude writes in, an NLLB code (translate.source_lang; default eng_Latn). "
                    + "See 'stream-tts languages'.")
    String sourceLang;

    @Option(names = "--target-lang", paramLabel = "CODE", order = 4, completionCandidates = Completions.Languages.class,
            description = "Language to speak, an NLLB code (translate.target_lang; default jpn_Jpan).")
    String targetLang;

    @Option(names = "--no-translate", order = 5,
            description = "Speak the prose in the language it was written in (translate.enabled: false).")
    boolean noTranslate;

    @Option(names = "--voice", paramLabel = "NAME", order = 6, completionCandidates = Completions.Voices.class,
            description = "Voice to speak with (voice.name; default 'auto': the default voice of the language spoken, "
                    + "or an installed voice for it when the default is not installed).")
    String voice;

    @Option(names = "--speed", paramLabel = "X", order = 6,
            description = "Speaking rate: 1.0 normal, 1.5 half as fast again, 0.8 slower; the voice's own rate, "
                    + "not a pitch shift (voice.speed; default 1.0).")
    String speed;

    @Option(names = "--device", paramLabel = "NAME", order = 8,
            description = "Sound device to play on: any part of a name from 'stream-tts devices' "
                    + "(audio.device; default: the system's default device; 'none': do not play).")
    String device;

    /** Config files, then the options given here on top. */
    Settings settings(Env env) throws ConfigException {
        Settings s = files.load(env);
        if (sourceLang != null) {
            s.set(ConfigKeys.TRANSLATE_SOURCE, sourceLang, "--source-lang");
        }
        if (targetLang != null) {
            s.set(ConfigKeys.TRANSLATE_TARGET, targetLang, "--target-lang");
        }
        if (noTranslate) {
            s.set(ConfigKeys.TRANSLATE_ENABLED, "false", "--no-translate");
        }
        if (voice != null) {
            s.set(ConfigKeys.VOICE_NAME, voice, "--voice");
        }
        if (device != null) {
            s.set(ConfigKeys.AUDIO_DEVICE, device, "--device");
        }
        if (speed != null) {
            s.set(ConfigKeys.VOICE_SPEED, speed, "--speed");
        }
        return s.validate();
    }
}
