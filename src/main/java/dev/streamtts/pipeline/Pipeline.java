package dev.streamtts.pipeline;

import dev.streamtts.input.ActivityListener;
import dev.streamtts.input.ClaudeEvent;
import dev.streamtts.input.InputCounters;
import dev.streamtts.input.InputOptions;
import dev.streamtts.input.ProseListener;
import dev.streamtts.input.StreamJsonReader;
import dev.streamtts.input.ToolCall;
import dev.streamtts.text.Activity;
import dev.streamtts.text.ActivityOptions;
import dev.streamtts.text.ClauseSplitter;
import dev.streamtts.text.RunSummary;
import dev.streamtts.text.SentenceAssembler;
import dev.streamtts.text.TextOptions;
import dev.streamtts.translate.Translator;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stages as threads: reader (input + text) → backlog → translate → synthesize → play, or
 * reader → backlog → translate → print for {@code --dry-run}. End of input flows through as an end
 * marker, so every stage drains before the run ends. {@link #stop()} interrupts every stage; {@link #run}
 * returns only once every stage thread has ended, so the caller may then close the models and devices
 * the stages used.
 */
public final class Pipeline {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    /** After a stop, how long a reader blocked in a read() that cannot be interrupted is waited for. */
    private static final Duration READER_GRACE = Duration.ofMillis(500);
    /** How often the lag is checked and a burst of tool calls may end (well under Activity.BURST_NANOS). */
    private static final Duration MONITOR_EVERY = Duration.ofMillis(250);

    private final PipelineOptions options;
    private final InputOptions inputOptions;
    private final TextOptions textOptions;
    private final ActivityOptions activityOptions;
    private final Activity activity;
    private final Translator translator;
    private final Output output;
    private final Clock clock;
    private final Metrics metrics = new Metrics();
    private final Failures failures = new Failures(metrics);
    private final InputCounters inputCounters = new InputCounters();
    private final CatchUp catchUp;
    private final Lag lag;
    private final List<Thread> stages = new CopyOnWriteArrayList<>();
    private volatile Thread reader;
    private volatile boolean stopped;
    private volatile Consumer<Played> onPlayed = p -> { };

    /** Prose only: no activity phrases, no summary. */
    public Pipeline(PipelineOptions options, InputOptions inputOptions, TextOptions textOptions,
                    Translator translator, Output output) {
        this(options, inputOptions, textOptions, ActivityOptions.off(), translator, output, Clock.SYSTEM);
    }

    public Pipeline(PipelineOptions options, InputOptions inputOptions, TextOptions textOptions,
                    ActivityOptions activityOptions, Translator translator, Output output) {
        this(options, inputOptions, textOptions, activityOptions, translator, output, Clock.SYSTEM);
    }

    Pipeline(PipelineOptions options, InputOptions inputOptions, TextOptions textOptions, Translator translator,
             Output output, Clock clock) {
        this(options, inputOptions, textOptions, ActivityOptions.off(), translator, output, clock);
    }

    Pipeline(PipelineOptions options, InputOptions inputOptions, TextOptions textOptions,
             ActivityOptions activityOptions, Translator translator, Output output, Clock clock) {
        this.options = options;
        this.inputOptions = inputOptions;
        this.textOptions = textOptions;
        this.activityOptions = activityOptions;
        this.activity = new Activity(activityOptions.activity(), activityOptions.quiet().toNanos());
        this.translator = translator;
        this.output = output;
        this.clock = clock;
        this.catchUp = new CatchUp(options.backlog(), options.catchUpAfter().toNanos(), metrics, clock);
        this.lag = new Lag(options.backlog(), clock);
    }

    /**
     * Runs until the input ends and everything was spoken (or printed), or until {@link #stop()}.
     * Returns when every stage thread has ended (a reader stuck in an uninterruptible read is given
     * up on after a short grace; it touches no model or device).
     */
    public void run(InputStream stdin) throws InterruptedException {
        SentenceRelease release = new SentenceRelease(new Backlog(catchUp, lag), metrics);
        Backlog backlog = release.backlog();
        Channel<Utterance> utterances = new Channel<>(options.queueCapacity());

        reader = start("reader", () -> read(stdin, release));
        start("translate", warmedUp("translator", translator::warmUp,
                new TranslateStage(backlog, utterances, translator, metrics, failures, lag, clock)));
        if (output instanceof Output.Speech speech) {
            Channel<SpeechClip> clips = new Channel<>(options.queueCapacity());
            start("synthesize", warmedUp("voice", speech.voice()::warmUp, new SynthesizeStage(utterances, clips,
                    speech.voice(), options.chunk() ? new ClauseSplitter() : null, metrics, failures, catchUp, lag, clock)));
            start("play", new PlayStage(clips, speech.sink(), options, metrics, failures, catchUp, lag, clock,
                    onPlayed));
        } else if (output instanceof Output.DryRun dryRun) {
            start("print", new DryRunPrinter(utterances, dryRun.stdout(), metrics, lag, clock));
        }
        Thread monitor = new Thread(() -> watch(release), "stream-tts-lag");
        monitor.setDaemon(true);
        monitor.start();
        try {
            for (Thread t : stages) {
                if (t != reader) {
                    t.join();
                }
            }
            if (stopped) {
                reader.join(READER_GRACE.toMillis());
            } else {
                reader.join();
            }
        } finally {
            monitor.interrupt();
            catchUp.flush();
            failures.summarize();
        }
    }

    /**
     * Ctrl-C, or a stage that crashed: interrupts every stage and frees the audio device (files stay
     * valid). Returns at once; {@link #awaitStages} waits for the stages to end.
     */
    public void stop() {
        synchronized (stages) { // a stage started at this moment is interrupted too (see start)
            stopped = true;
            stages.forEach(Thread::interrupt);
        }
        if (output instanceof Output.Speech speech) {
            speech.sink().close();
        }
    }

    /** Waits up to {@code timeout} for the stages other than the reader to end; true when they all did. */
    public boolean awaitStages(Duration timeout) throws InterruptedException {
        // Real time, not the pipeline's clock: this waits for threads, which only the system clock measures.
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : stages) {
            if (t == reader) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return stages.stream().noneMatch(s -> s != reader && s.isAlive());
            }
            TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
        return stages.stream().noneMatch(s -> s != reader && s.isAlive());
    }

    public boolean stopped() {
        return stopped;
    }

    /**
     * Told of each sentence spoken to its end, once its clip (its last piece) went to the sink (on the play
     * thread; keep it quick).
     */
    public void onPlayed(Consumer<Played> listener) {
        this.onPlayed = listener;
    }

    public Metrics metrics() {
        return metrics;
    }

    public InputCounters inputCounters() {
        return inputCounters;
    }

    /** How long the oldest sentence not yet spoken (nor skipped nor failed) has waited; 0 when none. */
    long behindNanos() {
        return lag.behindNanos();
    }

    /**
     * Checks the lag, and ends a burst of tool calls once it is over: a long command sends nothing more until
     * it is done, so the reader alone could not. While anything waits or plays, speech is not silent.
     */
    private void watch(SentenceRelease release) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                clock.sleep(MONITOR_EVERY);
                lag.check();
                long now = clock.nanoTime();
                try {
                    if (lag.behindNanos() > 0) {
                        activity.speaking(now);
                    } else {
                        activity.tick(now).ifPresent(p -> release.release(Sentence.Kind.ACTIVITY, p, now, now));
                    }
                } catch (RuntimeException e) { // as on the reader thread: a bug in naming a call costs that phrase
                    log.warn("could not name the agent's activity ({}); going on", e.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(InputStream stdin, SentenceRelease release) {
        SentenceAssembler assembler = new SentenceAssembler(textOptions, s -> {
            long now = clock.nanoTime();
            activity.spoke(now); // first, so that the timer cannot say a burst this sentence made old
            release.release(Sentence.Kind.PROSE, s.text(), s.lastInputNanos(), now);
        });
        RunSummary summary = new RunSummary(activityOptions.summary());
        ActivityListener activityListener = new ActivityListener() {
            @Override
            public void toolCall(ToolCall call) {
                long now = clock.nanoTime();
                activity.toolCall(call, now).ifPresent(p -> release.release(Sentence.Kind.ACTIVITY, p, now, now));
            }

            @Override
            public void runEnded(ClaudeEvent.Result result) {
                long now = clock.nanoTime();
                activity.end();
                summary.sentence(result).ifPresent(t -> release.release(Sentence.Kind.SUMMARY, t, now, now));
            }
        };
        ProseListener listener = new ProseListener() {
            @Override
            public void text(String blockKey, String markdown) {
                assembler.append(blockKey, markdown, clock.nanoTime());
            }

            @Override
            public void endOfBlock(String blockKey) {
                assembler.endBlock(blockKey, clock.nanoTime());
            }

            @Override
            public void flush() {
                assembler.flush(clock.nanoTime());
            }
        };
        try {
            new StreamJsonReader(inputOptions, listener, activityListener, inputCounters).readAll(stdin);
        } catch (IOException e) {
            if (!stopped) {
                log.warn("reading stdin failed: {}; speaking what arrived", e.getMessage());
                listener.flush();
            }
        } finally {
            activity.end();
            release.close();
        }
    }

    /** A model's first run, done on its stage's thread before the first sentence, so that no sentence pays for it. */
    @FunctionalInterface
    private interface WarmUp {
        void run() throws Exception;
    }

    private Runnable warmedUp(String what, WarmUp warmUp, Runnable stage) {
        return () -> {
            long start = clock.nanoTime();
            try {
                warmUp.run();
                log.debug("{} warmed up in {} ms", what, (clock.nanoTime() - start) / 1_000_000);
            } catch (Exception e) { // a model that cannot run says so on the first sentence, counted there
                log.debug("{} warm-up failed: {}", what, e.toString());
            }
            stage.run();
        };
    }

    private Thread start(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException | Error e) {
                log.error("stage '{}' failed: {}", name, e.toString());
                log.debug("stage failure", e);
                stop();
            }
        }, "stream-tts-" + name);
        t.setDaemon(true); // a read() blocked on stdin must never keep the process alive
        synchronized (stages) {
            stages.add(t);
            t.start();
            if (stopped) {
                t.interrupt(); // stopped while the stages were being started
            }
        }
        return t;
    }
}
