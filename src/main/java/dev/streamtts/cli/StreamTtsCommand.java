package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.models.ModelException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code stream-tts [options]}: reads Claude Code's stream-json on stdin and speaks the prose. */
@Command(name = "stream-tts", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Speaks what Claude Code writes, as it writes it: reads stream-json on stdin, keeps only the "
                    + "assistant's prose (no code, tool input, tool output, thinking or repeats), splits it into "
                    + "sentences, translates each one locally with NLLB-200 (English to Japanese by default) and "
                    + "speaks it with a local neural voice; while the agent works through tools it says briefly "
                    + "what it is doing, and at the end whether the run finished or failed. Nothing leaves this "
                    + "machine.",
            "",
            "  claude -p \"…\" --output-format stream-json --verbose | stream-tts",
            ""},
        footerHeading = "%nConfiguration:%n",
        footer = {
            "Every option has a documented entry in config.yaml, which states its default. Precedence, "
                    + "highest first: command line, --config FILE, ./config.yaml, ~/.config/stream-tts/config.yaml (or "
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

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--wav", paramLabel = "FILE", order = 7,
            description = "Also write all speech, with the pauses between sentences, to this WAV file. "
                    + "The file stays valid if stream-tts is interrupted or the disk fills up; past 4 GB the "
                    + "speech goes on in FILE-2.wav, FILE-3.wav, ...")
    Path wav;

    @Option(names = "--stats", order = 9,
            description = "At exit, print counts and per-stage latencies (p50/p95) to stderr.")
    boolean stats;

    @Option(names = "--passthrough", order = 10,
            description = "Copy every input line unchanged to stdout as it arrives, so stream-tts can sit "
                    + "in the middle of a pipe. Speech goes on if the reader of stdout goes away.")
    boolean passthrough;

    @Sets("text.activity")
    @Option(names = "--activity", paramLabel = "off|brief|all", order = 10,
            description = "Say what the agent is doing while it works through tools (\"Reading README.md\", "
                    + "\"Running the tests\"): brief: one phrase after a silence, for the calls made meanwhile; all: "
                    + "every call; off: none (text.activity, now ${DEFAULT-VALUE}). The end of the run is said as "
                    + "text.summary sets.")
    String activity;

    @Option(names = "--dry-run", order = 11,
            description = "Load no voice and no audio; print one JSON line per sentence to stdout: "
                    + "{\"seq\":N,\"text\":\"…\",\"translation\":\"…\" or null}, with \"kind\":\"activity\" "
                    + "or \"summary\" last on the phrases that name a tool call or say how the run ended. "
                    + "Nothing else goes to stdout.")
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
        return new SpeakRun(env, run.load(env), new SpeakRun.Flags(wav, stats, passthrough, dryRun, verbose)).run();
    }
}
