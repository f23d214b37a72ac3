package dev.streamtts.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code onnx.provider: auto} on Apple Silicon: CoreML or the CPU for each model, from evidence rather
 * than assumption (CoreML is often the slower: NLLB int8 ran half its nodes on CoreML in 171 partitions
 * at twice PyTorch-MPS's time; Kokoro kept 85% of its operators on the CPU after 47 s of compiling and
 * warming up). In order:
 * <ol>
 *   <li>a choice remembered for this model file, ONNX Runtime version and machine ({@link RememberedChoices});
 *   <li>the CPU when the model's operators rule CoreML out ({@link CoreMlSupport}: int8 arithmetic, or
 *       its work inside If/Loop bodies), without a trial;
 *   <li>otherwise the CPU for this run, and a trial in the background ({@link TrialQueue}) that times
 *       both on the model's representative input and remembers the faster for later runs.
 * </ol>
 */
public final class AutoProvider {
    private static final Logger log = LoggerFactory.getLogger(AutoProvider.class);

    /** Timed runs per provider in a trial, after one untimed first run. */
    static final int RUNS = 5;
    /** What one provider gets for loading, the first run and the timed runs. */
    static final Duration BUDGET = Duration.ofSeconds(120);
    /** Trials wait this long after the first is queued: the run's models load and speech starts first. */
    static final Duration START_DELAY = Duration.ofSeconds(5);

    /**
     * The provider a model gets, and why.
     *
     * @param trial true when the CPU is used now and a trial should run in the background
     */
    public record Decision(ExecutionProvider provider, String reason, boolean trial) {
    }

    /** Makes the lab a trial opens the model in. */
    @FunctionalInterface
    interface Labs {
        ProviderTrial.Lab lab(Path model, OnnxOptions options, SampleInput sample);
    }

    private static AutoProvider shared;

    private final List<ExecutionProvider> candidates;
    private final Machine machine;
    private final Supplier<String> ortVersion;
    private final Labs labs;
    private final ProviderTrial.Timer timer;
    private final TrialQueue queue;
    private final Map<Path, RememberedChoices> stores = new HashMap<>();
    private final RememberedChoices inMemory = new RememberedChoices(null);

    /**
     * @param candidates the providers weighed against the CPU (CoreML)
     * @param queue      where trials run; null runs them on the calling thread (tests)
     */
    AutoProvider(List<ExecutionProvider> candidates, Machine machine, Supplier<String> ortVersion, Labs labs,
                 ProviderTrial.Timer timer, TrialQueue queue) {
        this.candidates = List.copyOf(candidates);
        this.machine = machine;
        this.ortVersion = ortVersion;
        this.labs = labs;
        this.timer = timer;
        this.queue = queue;
    }

    /** True where auto chooses for each model (Apple Silicon); elsewhere its choice is the same for all. */
    public static boolean perModel() {
        return Machine.appleSilicon();
    }

    /** The process's instance: CoreML against the CPU, trials on the background thread. */
    public static synchronized AutoProvider shared() {
        if (shared == null) {
            shared = new AutoProvider(List.of(ExecutionProvider.COREML), Machine.current(), OnnxSessions::version,
                    (model, options, sample) -> new OrtLab(model, options, sample, OrtLab.Report.PROFILE), ProviderTrial.Timer.system(),
                    new TrialQueue(START_DELAY));
        }
        return shared;
    }

    /**
     * At exit, before the native gate closes: cancels the trial in progress and waits up to {@code grace}
     * for its thread (which closes its own sessions). False when it was still inside ONNX Runtime then.
     */
    public static boolean stopTrials(Duration grace) {
        AutoProvider p;
        synchronized (AutoProvider.class) {
            p = shared;
        }
        return p == null || p.queue == null || p.queue.stop(grace);
    }

    /**
     * The provider {@code model} gets now, and why. Reads the remembered choices and the model's
     * operators; opens no session and starts nothing, so 'doctor' can ask too.
     *
     * @param sample the model's representative input (null: it has none, so it cannot be trialled)
     */
    public Decision decide(Path model, OnnxOptions options, SampleInput sample) {
        RememberedChoices.Key key;
        try {
            key = key(model, options);
        } catch (IOException e) {
            return new Decision(ExecutionProvider.CPU, "its file cannot be read (" + e.getMessage() + ")", false);
        }
        Optional<RememberedChoices.Choice> remembered = store(options).find(key);
        if (remembered.isPresent()) {
            return new Decision(remembered.get().provider(), remembered.get().reason(), false);
        }
        ModelOps ops;
        try {
            ops = ModelOps.read(model);
        } catch (IOException e) {
            return new Decision(ExecutionProvider.CPU, "its operators cannot be read (" + e.getMessage() + ")", false);
        }
        Optional<String> ruledOut = CoreMlSupport.rulesOut(ops);
        if (ruledOut.isPresent()) {
            return new Decision(ExecutionProvider.CPU, ruledOut.get(), false);
        }
        if (sample == null) {
            return new Decision(ExecutionProvider.CPU, "no representative input to time it with, so no trial", false);
        }
        return new Decision(ExecutionProvider.CPU, "trial pending: " + names() + " is timed against the CPU in the "
                + "background during a run, and the faster is remembered for later runs", true);
    }

    /** Queues the trial for {@code model} (its session is open on the CPU); its outcome is remembered. */
    void trialLater(String what, Path model, OnnxOptions options, SampleInput sample) {
        RememberedChoices.Key key;
        try {
            key = key(model, options);
        } catch (IOException e) {
            return; // the session just opened it; a file gone since is not worth a trial
        }
        ProviderTrial trial = trial(model, options, sample);
        if (queue == null) {
            trial.run().ifPresent(outcome -> remember(what, key, options, outcome));
        } else {
            queue.submit(what, trial, outcome -> remember(what, key, options, outcome));
        }
    }

    /** A trial of {@code model} for the calling thread to run (the bench). */
    ProviderTrial trial(Path model, OnnxOptions options, SampleInput sample) {
        List<ExecutionProvider> providers = new ArrayList<>();
        providers.add(ExecutionProvider.CPU);
        providers.addAll(candidates);
        return new ProviderTrial(labs.lab(model, options, sample), providers, timer, RUNS, BUDGET,
                queue == null ? null : queue.watchdog());
    }

    /** Remembers a trial's outcome for {@code model} (the bench's, with --remember). */
    void remember(String what, Path model, OnnxOptions options, ProviderTrial.Outcome outcome) throws IOException {
        remember(what, key(model, options), options, outcome);
    }

    private void remember(String what, RememberedChoices.Key key, OnnxOptions options, ProviderTrial.Outcome outcome) {
        RememberedChoices store = store(options);
        store.put(key, new RememberedChoices.Choice(outcome.choice(), outcome.reason()));
        List<String> sides = outcome.measurements().stream().map(ProviderTrial.Measurement::describe).toList();
        log.info("{}: provider trial: {}. From the next run on: {} ({}){}", what, String.join("; ", sides),
                outcome.choice().label(), outcome.reason(), store.file() == null ? "" : "; remembered in " + store.file());
    }

    private RememberedChoices.Key key(Path model, OnnxOptions options) throws IOException {
        return RememberedChoices.Key.of(model, ortVersion.get(), machine, options.intraOpThreads());
    }

    private synchronized RememberedChoices store(OnnxOptions options) {
        Path dir = options.coremlCacheDir();
        if (dir == null) {
            return inMemory;
        }
        return stores.computeIfAbsent(dir.toAbsolutePath().normalize(),
                d -> new RememberedChoices(d.resolve(RememberedChoices.FILE_NAME)));
    }

    /** Where the remembered choices are kept for these options (null: in memory only). */
    public Path choicesFile(OnnxOptions options) {
        return store(options).file();
    }

    private String names() {
        return String.join(" and ", candidates.stream().map(ExecutionProvider::label).toList());
    }
}
