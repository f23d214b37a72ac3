package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.ConfigKeys;
import dev.streamtts.cli.config.Settings;
import dev.streamtts.models.ModelException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code stream-tts [options]}: reads Claude Code's stream-json on stdin and speaks the prose. */
@Command(name = "stream-tts", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Speaks what Claude Code writes, as it writes it: reads stream-json on stdin, keeps only the "
                    + "assistant's prose (no code, tool calls, tool output, thinking or repeats), splits it into "
                    + "sentences, translates each one locally with NLLB-200 (English to Japanese by default) and "
                    + "speaks it with a local neural voice. Nothing leaves this machine.",
            "",
            "  claude -p \"…\" --output-format stream-json --verbose | stream-tts",
            ""},
        footerHeading = "%nConfiguration:%n",
        footer = {
            "Every option has a documented entry in config.yaml. Precedence, highest first: command line, "
                    + "--config FILE, ./config.yaml, ~/.config/stream-tts/config.yaml (or "
                    + "$XDG_CONFIG_HOME/stream-tts/config.yaml), built-in defaults. An unknown key or bad value "
                    + "stops stream-tts at start-up with the file and line.",
            "",
            "Examples:",
            "  Smoke test, no models needed:",
            "    echo '{\"content\":[{\"type\":\"text\",\"text\":\"Hi.\"}]}' |",
            "        stream-tts --dry-run --no-translate",
            "  Hear sentences as they are typed:",
            "    claude -p \"…\" --output-format stream-json --verbose \\",
            "        --include-partial-messages | stream-tts",
            "  Print sentences and translations as JSON lines:",
            "    stream-tts --dry-run < run.jsonl",
            "  Record to a file without playing:",
            "    stream-tts --wav speech.wav --device none < run.jsonl",
            "  Speak and pass the stream on unchanged:",
            "    claude … | stream-tts --passthrough | jq .type",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:input ended and everything was spoken",
            "1:the run failed: a stage crashed, nothing could be spoken, or an output (WAV file, sound "
                    + "device) failed",
            "2:bad usage, bad configuration, missing/corrupt models, or no usable stdin (nothing was read)",
            "130:interrupted (Ctrl-C)",
            "143:stopped by SIGTERM",
            "129:stopped by SIGHUP (the terminal closed)"})
final class StreamTtsCommand implements Callable<Integer> {
    private final Env env;

    @Option(names = "--config", paramLabel = "FILE", order = 1,
            description = "Read options from this YAML file (on top of ./config.yaml and the user config).")
    Path config;

    @Option(names = "--models-dir", paramLabel = "DIR", order = 2,
            description = "Where models are stored (models.dir; default: models/ of the stream-tts checkout).")
    Path modelsDir;

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
            description = "Voice to speak with (voice.name; default 'auto': the default voice of the target language).")
    String voice;

    @Option(names = "--speed", paramLabel = "X", order = 6,
            description = "Speaking rate: 1.0 normal, 1.5 half as fast again, 0.8 slower; the voice's own rate, "
                    + "not a pitch shift (voice.speed; default 1.0).")
    String speed;

    @Option(names = "--wav", paramLabel = "FILE", order = 7,
            description = "Also write all speech, with the pauses between sentences, to this WAV file. "
                    + "The file stays valid if stream-tts is interrupted or the disk fills up; past 4 GB the "
                    + "speech goes on in FILE-2.wav, FILE-3.wav, ...")
    Path wav;

    @Option(names = "--device", paramLabel = "NAME", order = 8,
            description = "Sound device to play on: any part of a name from 'stream-tts devices' "
                    + "(audio.device; default: the system's default device; 'none': do not play).")
    String device;

    @Option(names = "--stats", order = 9,
            description = "At exit, print counts and per-stage latencies (p50/p95) to stderr.")
    boolean stats;

    @Option(names = "--passthrough", order = 10,
            description = "Copy every input line unchanged to stdout as it arrives, so stream-tts can sit "
                    + "in the middle of a pipe. Speech goes on if the reader of stdout goes away.")
    boolean passthrough;

    @Option(names = "--dry-run", order = 11,
            description = "Load no voice and no audio; print one JSON line per sentence to stdout: "
                    + "{\"seq\":N,\"text\":\"…\",\"translation\":\"…\" or null}. Nothing else goes to stdout.")
    boolean dryRun;

    @Option(names = {"-v", "--verbose"}, order = 12, scope = ScopeType.INHERIT,
            description = "Log more: each sentence as it starts playing, each skipped input line, provider "
                    + "choices, timings.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, order = 13, scope = ScopeType.INHERIT,
            description = "Log only warnings and errors.")
    boolean quiet;

    StreamTtsCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws ConfigException, ModelException {
        Logging.configure(verbose, quiet);
        if (dryRun && passthrough) {
            throw new ConfigException("--dry-run and --passthrough both write to stdout: use one of them");
        }
        StandardInput.check(env);
        Settings settings = settings();
        return new SpeakRun(env, settings, new SpeakRun.Flags(wav, stats, passthrough, dryRun, verbose)).run();
    }

    /** Config files, then the options given here on top. */
    Settings settings() throws ConfigException {
        Settings s = Configuration.load(env, config, modelsDir);
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
