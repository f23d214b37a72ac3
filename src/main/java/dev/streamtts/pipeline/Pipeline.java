package dev.streamtts.pipeline;

import dev.streamtts.input.InputCounters;
import dev.streamtts.input.InputOptions;
import dev.streamtts.input.ProseListener;
import dev.streamtts.input.StreamJsonReader;
import dev.streamtts.text.ClauseSplitter;
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
    private static final Duration LAG_CHECK = Duration.ofSeconds(1);

    private final PipelineOptions options;
    private final InputOptions inputOptions;
    private final TextOptions textOptions;
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

    public Pipeline(PipelineOptions options, InputOptions inputOptions, TextOptions textOptions,
                    Translator translator, Output output) {
        this(options, inputOptions, textOptions, translator, output, Clock.SYSTEM);
    }

    Pipeline(PipelineOptions options, InputOptions inputOptions, TextOptions textOptions, Translator translator,
             Output output, Clock clock) {
        this.options = options;
        this.inputOptions = inputOptions;
        this.textOptions = textOptions;
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
        Backlog backlog = new Backlog(catchUp, lag);
        Channel<Utterance> utterances = new Channel<>(options.queueCapacity());

        reader = start("reader", () -> read(stdin, backlog));
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
        Thread monitor = new Thread(this::watchLag, "stream-tts-lag");
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

    private void watchLag() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                clock.sleep(LAG_CHECK);
                lag.check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(InputStream stdin, Backlog backlog) {
        long[] seq = {0};
        SentenceAssembler assembler = new SentenceAssembler(textOptions, s -> {
            metrics.countSentence();
            backlog.add(new Sentence(++seq[0], s.text(), s.lastInputNanos(), clock.nanoTime()));
        });
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
            new StreamJsonReader(inputOptions, listener, inputCounters).readAll(stdin);
        } catch (IOException e) {
            if (!stopped) {
                log.warn("reading stdin failed: {}; speaking what arrived", e.getMessage());
                listener.flush();
            }
        } finally {
            backlog.close();
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
