package dev.streamtts.cli;

import dev.streamtts.audio.AudioDevices;
import dev.streamtts.audio.AudioSink;
import dev.streamtts.audio.NoDeviceException;
import dev.streamtts.audio.Sinks;
import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.Config;
import dev.streamtts.cli.config.LoadedConfig;
import dev.streamtts.input.PassthroughInputStream;
import dev.streamtts.input.PrefetchInputStream;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.ParallelLoad;
import dev.streamtts.pipeline.Metrics;
import dev.streamtts.pipeline.Output;
import dev.streamtts.pipeline.Pipeline;
import dev.streamtts.pipeline.StatsReport;
import dev.streamtts.translate.NoTranslation;
import dev.streamtts.translate.Translator;
import dev.streamtts.tts.Voice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the main command: everything that can fail at start-up (config, models, voice, WAV file,
 * sound device) is opened before the first line of stdin is read; then the pipeline runs to the end of
 * input, or until Ctrl-C.
 */
final class SpeakRun {
    private static final Logger log = LoggerFactory.getLogger(SpeakRun.class);

    /** The command-line switches that are not configuration. */
    record Flags(Path wav, boolean stats, boolean passthrough, boolean dryRun, boolean verbose) {
    }

    /** Most of stdin held unread while the models load; beyond it Claude's writes wait for us, as a pipe's would. */
    private static final int PREFETCH_BYTES = 64 << 20;

    /** At Ctrl-C, how long the stages get to finish what they are in (one model run at most). */
    private static final Duration STAGE_GRACE = Duration.ofSeconds(4);

    private final Env env;
    private final LoadedConfig loaded;
    private final Config config;
    private final Flags flags;

    SpeakRun(Env env, LoadedConfig loaded, Flags flags) {
        this.env = env;
        this.loaded = loaded;
        this.config = loaded.config();
        this.flags = flags;
    }

    int run() throws ConfigException, ModelException {
        // Claude's output is read from now on, so it never waits for the models to download or load.
        InputStream source = flags.passthrough() ? new PassthroughInputStream(env.stdin(), env.stdout()) : env.stdin();
        try (PrefetchInputStream in = new PrefetchInputStream(source, PREFETCH_BYTES)) {
            return run(in);
        }
    }

    private int run(InputStream in) throws ConfigException, ModelException {
        if (flags.wav() != null) {
            wavFile(flags.wav()); // a bad path is said before any model is downloaded or loaded
        }
        String device = config.audio().device();
        if (!flags.dryRun() && !device.isBlank() && !config.audio().none()) {
            try {
                AudioDevices.require(device); // a named device that is not there: said before any download
            } catch (NoDeviceException e) {
                throw new ConfigException(loaded.origin("audio.device") + ": " + e.getMessage());
            }
        }
        Components components = new Components(env, config);
        components.ensureModels(flags.dryRun()); // before any input is translated (stdin is read meanwhile)
        ParallelLoad.Pair<Translator, Voice> models = flags.dryRun()
                ? new ParallelLoad.Pair<>(translatorOrOff(components), null)
                : ParallelLoad.<Translator, Voice, ModelException, ModelException>both(
                        () -> translatorOrOff(components), components::voice);
        try (Translator translator = models.first();
             Voice voice = models.second();
             AudioSink sink = flags.dryRun() ? null : sink(voice.sampleRate())) {
            Output output = flags.dryRun() ? new Output.DryRun(env.stdout()) : new Output.Speech(voice, sink);
            Pipeline pipeline = new Pipeline(config.pipelineOptions(), config.input().options(), config.textOptions(),
                    config.text().activityOptions(), translator, output);
            return runUntilDone(pipeline, sink, in);
        }
    }

    private int runUntilDone(Pipeline pipeline, AudioSink sink, InputStream in) {
        Object reportLock = new Object();
        boolean[] reported = {false};
        Runnable report = () -> {
            synchronized (reportLock) { // once, whole, before the process exits
                if (!reported[0] && flags.stats()) {
                    printStats(pipeline);
                }
                reported[0] = true;
                env.stderr().flush();
            }
        };
        // At Ctrl-C: stop, wait for the stages (so nothing runs on a model that is being torn down and
        // what was heard is counted), then report.
        Runnable atExit = () -> {
            pipeline.stop();
            try {
                if (!pipeline.awaitStages(STAGE_GRACE)) {
                    log.warn("a stage did not stop within {} s", STAGE_GRACE.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            report.run();
        };
        try (AutoCloseable onExit = Shutdown.onExit(atExit)) {
            try {
                pipeline.run(in);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pipeline.stop();
            }
            if (Shutdown.exiting()) {
                return ExitCode.INTERRUPTED; // the exit hook reports; the JVM's exit code is 128 + signal
            }
            int code = outcome(pipeline, sink);
            report.run();
            return code;
        } catch (Exception e) { // closing the registration cannot fail
            throw new IllegalStateException(e);
        }
    }

    /** Exit code of a run that reached its end, with one line on stderr when it is not 0. */
    private int outcome(Pipeline pipeline, AudioSink sink) {
        Metrics m = pipeline.metrics();
        long delivered = flags.dryRun() ? m.printed() : m.spoken();
        if (pipeline.stopped()) {
            return ExitCode.FAILURE; // a stage crashed; it said why
        }
        if (delivered == 0 && m.failed() > 0) {
            env.stderr().printf("stream-tts: nothing could be %s: %d of %d sentences failed (see the log above)%n",
                    flags.dryRun() ? "translated" : "spoken", m.failed(), m.sentences());
            return ExitCode.FAILURE;
        }
        if (sink != null && sink.failed()) {
            env.stderr().println("stream-tts: an output failed during the run (see the log above)");
            return ExitCode.FAILURE;
        }
        return ExitCode.OK;
    }

    private void printStats(Pipeline pipeline) {
        StatsReport.print(env.stderr(), pipeline.inputCounters(), pipeline.metrics(), flags.dryRun(),
                config.translate().enabled());
    }

    private Translator translatorOrOff(Components components) throws ModelException {
        return config.translate().enabled() ? components.translator() : new NoTranslation();
    }

    /** Speaker (unless 'none' or there is no device) and WAV file, whichever apply. */
    private AudioSink sink(int sampleRate) throws ConfigException {
        Path file = flags.wav() == null ? null : wavFile(flags.wav());
        try {
            return Sinks.open(config.audio().device(), config.audio().bufferMs(), file, sampleRate);
        } catch (NoDeviceException e) {
            throw new ConfigException(loaded.origin("audio.device") + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException("--wav " + flags.wav() + ": cannot create the file: " + e.getMessage());
        }
    }

    /** The --wav path, refusing what cannot hold a WAV file that is rewritten as speech arrives. */
    private Path wavFile(Path wav) throws ConfigException {
        String given = wav.toString();
        if (given.isBlank()) {
            throw new ConfigException("--wav needs a file name");
        }
        if (given.equals("-")) {
            throw new ConfigException("--wav -: a WAV file cannot go to stdout (its header is brought up to date "
                    + "after every sentence); give a file name");
        }
        Path file = env.workingDir().resolve(wav);
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ConfigException("--wav " + given + ": not a regular file (a WAV file is rewritten as speech "
                    + "arrives, so pipes, devices and folders cannot take it); give a file name");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new ConfigException("--wav " + given + ": cannot create the file: the folder " + folder
                    + " does not exist");
        }
        return file;
    }
}
