package dev.streamtts.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.streamtts.models.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens ONNX Runtime sessions with the configured execution provider, falling back to the CPU with
 * one log line when the provider is not available or refuses the model, and logging which provider
 * each session got and why. With {@code auto} on Apple Silicon the provider is chosen per model by
 * {@link AutoProvider}. Sessions are created once at start-up; a missing or broken file is a
 * {@link ModelException} naming it.
 */
public final class OnnxSessions {
    private static final Logger log = LoggerFactory.getLogger(OnnxSessions.class);

    private OnnxSessions() {
    }

    /**
     * The process's ONNX Runtime environment. Its own logger prints only fatal errors: a failing run is
     * reported (once, then counted) by the stage that ran it, and ONNX Runtime would otherwise print a
     * line of its own for every failing sentence.
     */
    public static OrtEnvironment environment() {
        GlibcMalloc.settle(); // before ONNX Runtime's first allocation and threads
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "stream-tts");
    }

    /**
     * @param what  what the model is, for messages ("NLLB encoder")
     * @param fix   how to repair a missing or broken file, for messages
     */
    public static OrtSession open(Path model, OnnxOptions options, String what, String fix) throws ModelException {
        return open(model, options, what, fix, null);
    }

    /**
     * Opens the model and checks it has the expected inputs and outputs (a swapped or foreign file is a
     * start-up error naming it).
     */
    public static OrtSession open(Path model, OnnxOptions options, String what, String fix, Signature expected)
            throws ModelException {
        return open(model, options, what, fix, expected, null);
    }

    /**
     * As {@link #open(Path, OnnxOptions, String, String, Signature)}, with the model's representative
     * input, which {@code onnx.provider: auto} on Apple Silicon times it with ({@link AutoProvider}).
     *
     * @param expected the inputs and outputs it must have (null: not checked)
     * @param sample   what a run typically feeds it (null: no trial for it)
     */
    public static OrtSession open(Path model, OnnxOptions options, String what, String fix, Signature expected,
                                  SampleInput sample) throws ModelException {
        OrtSession session = openUnchecked(model, options, what, fix, sample);
        if (expected != null) {
            try {
                expected.check(session, model, what, fix);
            } catch (ModelException e) {
                close(session);
                throw e;
            }
        }
        return session;
    }

    private static OrtSession openUnchecked(Path model, OnnxOptions options, String what, String fix,
                                            SampleInput sample) throws ModelException {
        boolean perModel = options.provider() == ExecutionProvider.AUTO && AutoProvider.perModel();
        return openUnchecked(model, options, what, fix, sample, perModel ? AutoProvider.shared() : null);
    }

    /** @param chooser decides per model (null: the provider is the options' for every model) */
    static OrtSession openUnchecked(Path model, OnnxOptions options, String what, String fix, SampleInput sample,
                                    AutoProvider chooser) throws ModelException {
        if (!Files.isRegularFile(model)) {
            throw new ModelException(model + ": missing (" + what + "); " + fix);
        }
        AutoProvider.Decision auto = chooser != null ? chooser.decide(model, options, sample) : null;
        ExecutionProvider wanted = auto != null ? auto.provider() : resolve(options.provider());
        if (wanted != ExecutionProvider.CPU) {
            try {
                OrtSession session = create(model, options, wanted);
                log.info("{}: {} on {}{}", what, model.getFileName(), wanted.label(),
                        auto == null ? "" : " (" + auto.reason() + ")");
                return session;
            } catch (OrtException | RuntimeException e) {
                log.info("{}: {} is not usable for this model ({}); using the CPU", what, wanted.label(),
                        firstLine(e.getMessage()));
            }
        }
        try {
            OrtSession session = create(model, options, ExecutionProvider.CPU);
            if (auto != null && auto.provider() == ExecutionProvider.CPU) {
                log.info("{}: {} on the CPU ({})", what, model.getFileName(), auto.reason());
                if (auto.trial()) {
                    chooser.trialLater(what, model, options, sample);
                }
            } else {
                log.debug("{}: {} on CPU", what, model.getFileName());
            }
            return session;
        } catch (OrtException e) {
            throw new ModelException(model + ": cannot be loaded as an ONNX model (" + firstLine(e.getMessage())
                    + "); the file is probably incomplete or corrupt; " + fix, e);
        }
    }

    /**
     * The provider a session asks for, and why.
     *
     * @param fellBack true when the configured provider cannot exist here and the CPU is used instead
     */
    public record Choice(ExecutionProvider provider, String reason, boolean fellBack) {
    }

    /**
     * The provider to try for {@code requested} on this machine (CPU when it cannot exist here), and why.
     * Loads ONNX Runtime's native library (to ask which providers its build has); opens no session.
     */
    public static Choice choose(ExecutionProvider requested) {
        boolean appleSilicon = Machine.appleSilicon();
        EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
        boolean cuda = available.contains(OrtProvider.CUDA);
        String has = available.stream().map(OrtProvider::name).collect(Collectors.joining(", "));
        return switch (requested) {
            case AUTO -> appleSilicon
                    ? new Choice(ExecutionProvider.COREML, "onnx.provider auto, on macOS on Apple Silicon: CoreML or "
                            + "the CPU for each model, from its operators and a timed trial", false)
                    : cuda ? new Choice(ExecutionProvider.CUDA, "onnx.provider auto, and CUDA is in this ONNX Runtime "
                            + "build", false)
                    : new Choice(ExecutionProvider.CPU, "onnx.provider auto: CUDA is not available in this ONNX "
                            + "Runtime build (it has " + has + "), and CoreML needs macOS on Apple Silicon", false);
            case COREML -> appleSilicon ? new Choice(ExecutionProvider.COREML, "onnx.provider coreml", false)
                    : new Choice(ExecutionProvider.CPU, "onnx.provider coreml needs macOS on Apple Silicon", true);
            case CUDA -> cuda ? new Choice(ExecutionProvider.CUDA, "onnx.provider cuda", false)
                    : new Choice(ExecutionProvider.CPU, "onnx.provider cuda needs ONNX Runtime's GPU build with CUDA 12 "
                            + "and cuDNN 9 (this build has " + has + ")", true);
            case CPU -> new Choice(ExecutionProvider.CPU, "onnx.provider cpu", false);
        };
    }

    /**
     * The provider {@code model} would get with these options, and why, as a run would choose it (for
     * 'doctor' and the bench): per model on Apple Silicon with {@code auto}, else {@link #choose}'s.
     * Opens nothing; with {@code auto} on Apple Silicon it reads the model's operator list.
     */
    public static AutoProvider.Decision explain(ModelUse model, OnnxOptions options) {
        if (options.provider() == ExecutionProvider.AUTO && AutoProvider.perModel()) {
            return AutoProvider.shared().decide(model.file(), options, model.sample());
        }
        Choice choice = choose(options.provider());
        return new AutoProvider.Decision(choice.provider(), choice.reason(), false);
    }

    /** The provider to try for {@code requested} on this machine (CPU when it cannot exist here). */
    static ExecutionProvider resolve(ExecutionProvider requested) {
        Choice choice = choose(requested);
        if (choice.fellBack()) {
            log.warn("{}; using the CPU", choice.reason());
        }
        return choice.provider();
    }

    /**
     * Whether a session can be opened on {@code provider} here, tried on a one-node model held in memory
     * (milliseconds; no model file is read): empty when it can, else ONNX Runtime's reason. A model that
     * opens on the provider may still have operators it refuses; only loading that model tells.
     */
    public static Optional<String> probe(ExecutionProvider provider, OnnxOptions options) {
        try {
            OrtSession session = create(options, provider, (env, so) -> env.createSession(ProbeModel.bytes(), so));
            close(session);
            return Optional.empty();
        } catch (OrtException | RuntimeException e) {
            return Optional.of(firstLine(e.getMessage()));
        }
    }

    /** ONNX Runtime's version (loads its native library). */
    public static String version() {
        return environment().getVersion();
    }

    /** How a session is made from the options: from a file, or from bytes. */
    @FunctionalInterface
    private interface Loader {
        OrtSession load(OrtEnvironment env, OrtSession.SessionOptions options) throws OrtException;
    }

    private static OrtSession create(Path model, OnnxOptions options, ExecutionProvider provider) throws OrtException {
        // By path, not bytes: models over 2 GB keep their weights in external data files beside them.
        return create(options, provider, (env, so) -> env.createSession(model.toString(), so), false);
    }

    /**
     * A session for a provider trial or the bench: as a run makes it, on {@code provider} without falling
     * back; with {@code verbose}, ONNX Runtime logs where it put the nodes while it is made; with a
     * {@code profile} prefix, its profiler records the runs until {@link OrtSession#endProfiling}.
     */
    static OrtSession createForTrial(Path model, OnnxOptions options, ExecutionProvider provider, boolean verbose,
                                     Path profile) throws OrtException {
        return create(options, provider, (env, so) -> {
            if (profile != null) {
                so.enableProfiling(profile.toString());
            }
            return env.createSession(model.toString(), so);
        }, verbose);
    }

    private static OrtSession create(OnnxOptions options, ExecutionProvider provider, Loader loader)
            throws OrtException {
        return create(options, provider, loader, false);
    }

    private static OrtSession create(OnnxOptions options, ExecutionProvider provider, Loader loader, boolean verbose)
            throws OrtException {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // failures are reported by the stages; VERBOSE is for reading the placement report (OrtLog)
            so.setSessionLogLevel(verbose ? OrtLoggingLevel.ORT_LOGGING_LEVEL_VERBOSE
                    : OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            // ONNX Runtime's CPU arena and memory patterns stay on: without them every tensor is malloc'ed
            // and freed on each run, and on the full-size models (bench host, 16 threads) Kokoro took
            // 0.58 s with them and 1.3-1.6 s without (docs/PERFORMANCE.md, "CPU arena"). What they cost
            // in resident memory over a long run is in docs/RELIABILITY.md, "Memory".
            // -Dstreamtts.onnx.arena=false turns both off, -Dstreamtts.onnx.mempattern=false only the
            // patterns, for comparisons.
            boolean arena = Boolean.parseBoolean(System.getProperty("streamtts.onnx.arena", "true"));
            so.setCPUArenaAllocator(arena);
            so.setMemoryPatternOptimization(arena
                    && Boolean.parseBoolean(System.getProperty("streamtts.onnx.mempattern", "true")));
            if (options.intraOpThreads() > 0) {
                so.setIntraOpNumThreads(options.intraOpThreads());
            }
            if (!Boolean.parseBoolean(System.getProperty("streamtts.onnx.spin", "true"))) {
                // idle pool threads sleep instead of spinning: an experiment for sessions that share cores
                so.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            switch (provider) {
                case COREML -> so.addCoreML(coreMlOptions(options.coremlCacheDir()));
                case CUDA -> so.addCUDA(0);
                default -> { }
            }
            return NativeCalls.run(() -> loader.load(environment(), so));
        }
    }

    private static Map<String, String> coreMlOptions(Path cacheDir) {
        if (cacheDir == null) {
            return Map.of("ModelFormat", "MLProgram", "MLComputeUnits", "ALL");
        }
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            log.debug("no CoreML cache: {}", e.getMessage());
            return Map.of("ModelFormat", "MLProgram", "MLComputeUnits", "ALL");
        }
        return Map.of("ModelFormat", "MLProgram", "MLComputeUnits", "ALL", "ModelCacheDirectory", cacheDir.toString());
    }

    /** Closes a session through the native gate; a failure to close at exit is of no consequence. */
    public static void close(OrtSession session) {
        if (session == null) {
            return;
        }
        try {
            NativeCalls.run(() -> {
                session.close();
                return null;
            });
        } catch (OrtException e) {
            log.debug("closing a session: {}", e.getMessage());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no details";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
