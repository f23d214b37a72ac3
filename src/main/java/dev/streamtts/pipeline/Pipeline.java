package dev.streamtts.pipeline;

import dev.streamtts.input.InputCounters;
import dev.streamtts.input.InputOptions;
import dev.streamtts.input.ProseListener;
import dev.streamtts.input.StreamJsonReader;
import dev.streamtts.text.SentenceAssembler;
import dev.streamtts.text.TextOptions;
import dev.streamtts.translate.Translator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stages as threads: reader (input + text) → backlog → translate → synthesize → play, or
 * reader → backlog → translate → print for {@code --dry-run}. End of input flows through as an end
 * marker, so every stage drains before the run ends; {@link #stop()} ends it at once.
 */
public final class Pipeline {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final PipelineOptions options;
    private final InputOptions inputOptions;
    private final TextOptions textOptions;
    private final Translator translator;
    private final Output output;
    private final Metrics metrics = new Metrics();
    private final InputCounters inputCounters = new InputCounters();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    public Pipeline(PipelineOptions options, InputOptions inputOptions, TextOptions textOptions,
                    Translator translator, Output output) {
        this.options = options;
        this.inputOptions = inputOptions;
        this.textOptions = textOptions;
        this.translator = translator;
        this.output = output;
    }

    /** Runs until the input ends and everything was spoken (or printed), or until {@link #stop()}. */
    public void run(InputStream stdin) throws InterruptedException {
        Backlog backlog = new Backlog(options.backlog(), options.catchUpAfter(), metrics);
        Channel<Utterance> utterances = new Channel<>(options.queueCapacity());

        start("reader", () -> read(stdin, backlog));
        start("translate", new TranslateStage(backlog, utterances, translator, options.translateBatch(), metrics));
        if (output instanceof Output.Speech speech) {
            Channel<SpeechClip> clips = new Channel<>(options.queueCapacity());
            start("synthesize", new SynthesizeStage(utterances, clips, speech.voice(), metrics));
            start("play", new PlayStage(clips, speech.sink(), options, metrics));
        } else if (output instanceof Output.DryRun dryRun) {
            start("print", new DryRunPrinter(utterances, dryRun.stdout(), metrics));
        }
        // The last stage ends last; the reader may still sit in a read() that only end of input frees.
        threads.get(threads.size() - 1).join();
    }

    /** Ctrl-C: ends every stage now and frees the audio device; files stay valid. */
    public void stop() {
        stopped = true;
        threads.forEach(Thread::interrupt);
        if (output instanceof Output.Speech speech) {
            speech.sink().close();
        }
    }

    public boolean stopped() {
        return stopped;
    }

    public Metrics metrics() {
        return metrics;
    }

    public InputCounters inputCounters() {
        return inputCounters;
    }

    private void read(InputStream stdin, Backlog backlog) {
        long[] seq = {0};
        SentenceAssembler assembler = new SentenceAssembler(textOptions, s -> {
            metrics.countSentence();
            backlog.add(new Sentence(++seq[0], s.text(), s.lastInputNanos(), System.nanoTime()));
        });
        ProseListener listener = new ProseListener() {
            @Override
            public void text(String blockKey, String markdown) {
                assembler.append(blockKey, markdown, System.nanoTime());
            }

            @Override
            public void endOfBlock(String blockKey) {
                assembler.endBlock(blockKey, System.nanoTime());
            }

            @Override
            public void flush() {
                assembler.flush(System.nanoTime());
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

    private void start(String name, Runnable body) {
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
        threads.add(t);
        t.start();
    }
}
