package dev.streamtts.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code onnx.provider: auto} chooses per model on Apple Silicon, with a fake provider list, a fake
 * lab (no ONNX Runtime) and a fake timer: the decision logic a Linux build can test.
 */
class AutoProviderTest {
    static final Path MODELS = Path.of("src/test/resources/models");
    static final Machine MAC = new Machine("Mac OS X", "15.1", "aarch64", "Apple M4 Max", 16);
    static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    @TempDir
    Path dir;

    private Path kokoro;
    private Path int8Encoder;
    private OnnxOptions options;
    private final FakeTimer timer = new FakeTimer();
    private final FakeLab lab = new FakeLab(timer);
    private String ort = "1.29.0";
    private Machine machine = MAC;

    @BeforeEach
    void models() throws Exception {
        TestFiles.copy(MODELS.resolve("kokoro"), dir.resolve("models/kokoro"));
        TestFiles.copy(MODELS.resolve("nllb-tiny"), dir.resolve("models/nllb"));
        kokoro = dir.resolve("models/kokoro/kokoro-tiny-tokens.onnx");
        int8Encoder = dir.resolve("models/nllb/encoder_model_quantized.onnx");
        options = new OnnxOptions(ExecutionProvider.AUTO, 0, dir.resolve("models/.coreml-cache"));
    }

    private AutoProvider auto() {
        return new AutoProvider(List.of(ExecutionProvider.COREML), machine, () -> ort,
                (model, o, sample) -> lab, timer, null);
    }

    private static final SampleInput SAMPLE = session -> Map.of();

    /** decide, and when it asks for a trial, run it (synchronously: no queue). */
    private AutoProvider.Decision decideAndTrial(AutoProvider auto, Path model) {
        AutoProvider.Decision d = auto.decide(model, options, SAMPLE);
        if (d.trial()) {
            auto.trialLater("model", model, options, SAMPLE);
        }
        return d;
    }

    @Test
    void coremlFasterIsRememberedAndUsedFromTheNextRunOn() throws IOException {
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.times(ExecutionProvider.COREML, 16_000, 31_000, 50);
        AutoProvider auto = auto();
        AutoProvider.Decision first = decideAndTrial(auto, kokoro);
        assertThat(first.provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(first.trial()).isTrue();
        assertThat(first.reason()).startsWith("trial pending: CoreML is timed against the CPU");
        assertThat(lab.opened).containsExactly(ExecutionProvider.CPU, ExecutionProvider.COREML);
        assertThat(lab.runs).containsEntry(ExecutionProvider.CPU, 1 + AutoProvider.RUNS)
                .containsEntry(ExecutionProvider.COREML, 1 + AutoProvider.RUNS);

        AutoProvider.Decision next = auto.decide(kokoro, options, SAMPLE);
        assertThat(next.provider()).isEqualTo(ExecutionProvider.COREML);
        assertThat(next.trial()).isFalse();
        assertThat(next.reason()).isEqualTo("2.0× faster than the CPU in a trial on this machine on 2026-12-01 "
                + "(a run: 50 ms on CoreML, 100 ms on the CPU; CoreML took 40 of 50 nodes in 3 partitions; 12 nodes "
                + "on the CPU)");
        // a later process reads it from the file
        assertThat(dir.resolve("models/.coreml-cache/provider-choices.json")).exists();
        AutoProvider.Decision later = auto().decide(kokoro, options, SAMPLE);
        assertThat(later).isEqualTo(next);
        assertThat(lab.opened).hasSize(2);
    }

    @Test
    void coremlSlowerLeavesTheModelOnTheCpu() {
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.times(ExecutionProvider.COREML, 16_000, 31_000, 210);
        AutoProvider auto = auto();
        decideAndTrial(auto, kokoro);
        AutoProvider.Decision next = auto.decide(kokoro, options, SAMPLE);
        assertThat(next.provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(next.trial()).isFalse();
        assertThat(next.reason()).isEqualTo("CoreML was slower than the CPU (2.1× the time) in a trial on this "
                + "machine on 2026-12-01 (a run: 210 ms on CoreML, 100 ms on the CPU; CoreML took 40 of 50 nodes in 3 "
                + "partitions; 12 nodes on the CPU)");
    }

    @Test
    void coremlOnlyALittleFasterIsNotEnough() {
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.times(ExecutionProvider.COREML, 1_000, 2_000, 90);
        AutoProvider auto = auto();
        decideAndTrial(auto, kokoro);
        AutoProvider.Decision next = auto.decide(kokoro, options, SAMPLE);
        assertThat(next.provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(next.reason()).startsWith("CoreML was only 1.11× as fast as the CPU in a trial")
                .contains("(a run: 90 ms on CoreML, 100 ms on the CPU; ").endsWith("; it needs 1.2×");
    }

    @Test
    void aFailingTrialLeavesTheModelOnTheCpuWithTheReason() {
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.failOpen(ExecutionProvider.COREML, "Error compiling model: unsupported dynamic shape");
        AutoProvider auto = auto();
        decideAndTrial(auto, kokoro);
        AutoProvider.Decision next = auto.decide(kokoro, options, SAMPLE);
        assertThat(next.provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(next.trial()).isFalse(); // remembered: not tried again on every run
        assertThat(next.reason()).isEqualTo("CoreML could not open the model (Error compiling model: unsupported "
                + "dynamic shape) in a trial on this machine on 2026-12-01");
    }

    @Test
    void aRunFailingOnCoremlLeavesTheModelOnTheCpu() {
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.times(ExecutionProvider.COREML, 1_000, 2_000, 50);
        lab.failRun(ExecutionProvider.COREML, "CoreML predict failed");
        AutoProvider auto = auto();
        decideAndTrial(auto, kokoro);
        assertThat(auto.decide(kokoro, options, SAMPLE).reason())
                .startsWith("CoreML failed (CoreML predict failed) in a trial on this machine");
    }

    @Test
    void aProviderOverItsBudgetLosesAndItsRunIsStopped() {
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.times(ExecutionProvider.COREML, 100_000, 30_000, 10); // 130 s before the first timed run
        AutoProvider auto = auto();
        decideAndTrial(auto, kokoro);
        AutoProvider.Decision next = auto.decide(kokoro, options, SAMPLE);
        assertThat(next.provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(next.reason()).isEqualTo("CoreML took over 120 s to load and run once in a trial on this machine "
                + "on 2026-12-01");
        assertThat(lab.runs).containsEntry(ExecutionProvider.COREML, 1);
    }

    @Test
    void int8ModelsStayOnTheCpuWithoutATrial() {
        AutoProvider.Decision d = decideAndTrial(auto(), int8Encoder);
        assertThat(d.provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(d.trial()).isFalse();
        assertThat(d.reason()).isEqualTo("has DynamicQuantizeLinear, MatMulInteger (dynamic int8), which CoreML "
                + "cannot run");
        assertThat(lab.opened).isEmpty();
    }

    @Test
    void aMergedDecoderStaysOnTheCpuWithoutATrial() {
        AutoProvider.Decision d = decideAndTrial(auto(), dir.resolve("models/nllb/decoder_model_merged.onnx"));
        assertThat(d.provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(d.reason()).isEqualTo("672 of its 673 nodes are inside If subgraphs, which CoreML does not take");
        assertThat(lab.opened).isEmpty();
    }

    @Test
    void aModelWithoutARepresentativeInputIsNotTrialled() {
        AutoProvider.Decision d = auto().decide(kokoro, options, null);
        assertThat(d.provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(d.trial()).isFalse();
        assertThat(d.reason()).contains("no representative input");
    }

    @Test
    void aRememberedChoiceMeansNoTrial() {
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.times(ExecutionProvider.COREML, 1_000, 2_000, 40);
        decideAndTrial(auto(), kokoro);
        lab.opened.clear();
        for (int run = 0; run < 3; run++) {
            AutoProvider.Decision d = decideAndTrial(auto(), kokoro);
            assertThat(d.provider()).isEqualTo(ExecutionProvider.COREML);
            assertThat(d.trial()).isFalse();
        }
        assertThat(lab.opened).isEmpty();
    }

    @Test
    void aChangedModelOrOnnxRuntimeOrMachineOrThreadSettingTrialsAgain() throws IOException {
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.times(ExecutionProvider.COREML, 1_000, 2_000, 40);
        decideAndTrial(auto(), kokoro);
        assertThat(auto().decide(kokoro, options, SAMPLE).trial()).isFalse();

        Files.setLastModifiedTime(kokoro, FileTime.fromMillis(Files.getLastModifiedTime(kokoro).toMillis() + 2000));
        assertThat(auto().decide(kokoro, options, SAMPLE).trial()).as("model replaced").isTrue();
        decideAndTrial(auto(), kokoro);
        assertThat(auto().decide(kokoro, options, SAMPLE).trial()).isFalse();

        ort = "1.30.0";
        assertThat(auto().decide(kokoro, options, SAMPLE).trial()).as("another ONNX Runtime").isTrue();
        ort = "1.29.0";
        assertThat(auto().decide(kokoro, options, SAMPLE).trial()).isFalse();

        machine = new Machine("Mac OS X", "26.0", "aarch64", "Apple M4 Max", 16);
        assertThat(auto().decide(kokoro, options, SAMPLE).trial()).as("macOS updated").isTrue();
        machine = new Machine("Mac OS X", "15.1", "aarch64", "Apple M1", 8);
        assertThat(auto().decide(kokoro, options, SAMPLE).trial()).as("another Mac").isTrue();
        machine = MAC;
        assertThat(auto().decide(kokoro, options, SAMPLE).trial()).isFalse();

        OnnxOptions fourThreads = new OnnxOptions(ExecutionProvider.AUTO, 4, options.coremlCacheDir());
        assertThat(auto().decide(kokoro, fourThreads, SAMPLE).trial()).as("onnx.threads changed").isTrue();
    }

    @Test
    void aCancelledTrialRemembersNothing() {
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.times(ExecutionProvider.COREML, 1_000, 2_000, 40);
        AutoProvider auto = auto();
        ProviderTrial trial = auto.trial(kokoro, options, SAMPLE);
        lab.onRun = p -> {
            if (p == ExecutionProvider.COREML) {
                trial.cancel(); // exit, while CoreML runs
            }
        };
        assertThat(trial.run()).isEmpty();
        assertThat(lab.stopped).contains(ExecutionProvider.COREML);
        assertThat(lab.closed).containsExactly(ExecutionProvider.CPU, ExecutionProvider.COREML);
        assertThat(auto.decide(kokoro, options, SAMPLE).trial()).isTrue();
    }

    @Test
    void aBrokenChoicesFileIsTreatedAsEmptyAndRewritten() throws IOException {
        Path file = dir.resolve("models/.coreml-cache/provider-choices.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{ not json");
        assertThat(auto().decide(kokoro, options, SAMPLE).trial()).isTrue();
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.times(ExecutionProvider.COREML, 1_000, 2_000, 40);
        decideAndTrial(auto(), kokoro);
        assertThat(Files.readString(file)).contains("\"provider\" : \"COREML\"").contains("Apple M4 Max");
        assertThat(auto().decide(kokoro, options, SAMPLE).provider()).isEqualTo(ExecutionProvider.COREML);
    }

    @Test
    void twoMachinesSharingAModelsFolderKeepAChoiceEach() {
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.times(ExecutionProvider.COREML, 1_000, 2_000, 40);
        decideAndTrial(auto(), kokoro);
        machine = new Machine("Mac OS X", "15.1", "aarch64", "Apple M1", 8);
        lab.times(ExecutionProvider.COREML, 1_000, 2_000, 400);
        decideAndTrial(auto(), kokoro);
        assertThat(auto().decide(kokoro, options, SAMPLE).provider()).isEqualTo(ExecutionProvider.CPU);
        machine = MAC;
        assertThat(auto().decide(kokoro, options, SAMPLE).provider()).isEqualTo(ExecutionProvider.COREML);
    }

    @Test
    void withoutACacheFolderChoicesLastForTheProcess() {
        options = new OnnxOptions(ExecutionProvider.AUTO, 0, null);
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.times(ExecutionProvider.COREML, 1_000, 2_000, 40);
        AutoProvider auto = auto();
        decideAndTrial(auto, kokoro);
        assertThat(auto.decide(kokoro, options, SAMPLE).provider()).isEqualTo(ExecutionProvider.COREML);
        assertThat(auto().decide(kokoro, options, SAMPLE).trial()).isTrue();
    }

    @Test
    void theTrialComparesEveryProviderOfTheListWithTheCpu() {
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.times(ExecutionProvider.COREML, 1_000, 2_000, 60);
        lab.times(ExecutionProvider.CUDA, 1_000, 2_000, 20);
        ProviderTrial trial = new ProviderTrial(lab, List.of(ExecutionProvider.CPU, ExecutionProvider.COREML,
                ExecutionProvider.CUDA), timer, 3, Duration.ofSeconds(60), null);
        ProviderTrial.Outcome outcome = trial.run().orElseThrow();
        assertThat(outcome.choice()).isEqualTo(ExecutionProvider.CUDA);
        assertThat(outcome.reason()).startsWith("5.0× faster than the CPU");
        assertThat(outcome.measurements()).extracting(ProviderTrial.Measurement::runs).containsExactly(3, 3, 3);
        assertThat(outcome.measurements().get(1).describe()).isEqualTo("CoreML: load 1000 ms, first run 2000 ms, "
                + "run 60 ms (median of 3); CoreML took 40 of 50 nodes in 3 partitions; 12 nodes on the CPU");
    }

    @Test
    void theMedianRunDecidesNotTheSlowFirstOne() {
        lab.times(ExecutionProvider.CPU, 400, 900, 100);
        lab.times(ExecutionProvider.COREML, 1_000, 60_000, 50);
        lab.jitter(ExecutionProvider.COREML, new long[] {50, 400, 50, 45, 55});
        ProviderTrial.Outcome outcome = auto().trial(kokoro, options, SAMPLE).run().orElseThrow();
        assertThat(outcome.choice()).isEqualTo(ExecutionProvider.COREML);
        assertThat(outcome.measurements().get(1).medianNanos()).isEqualTo(50_000_000L);
    }

    @Test
    void integerOperatorsOfEveryKindRuleCoremlOut() {
        ModelOps qlinear = new ModelOps(Map.of("QLinearConv", 3, "Relu", 2), Map.of(), Map.of());
        assertThat(CoreMlSupport.rulesOut(qlinear)).hasValue("has QLinearConv (int8), which CoreML cannot run");
        ModelOps contrib = new ModelOps(Map.of("com.microsoft:DynamicQuantizeMatMul", 1), Map.of(), Map.of());
        assertThat(CoreMlSupport.rulesOut(contrib)).hasValue("has com.microsoft:DynamicQuantizeMatMul (dynamic "
                + "int8), which CoreML cannot run");
        ModelOps inBody = new ModelOps(Map.of("Loop", 1, "Add", 1), Map.of("MatMulInteger", 1), Map.of());
        assertThat(CoreMlSupport.rulesOut(inBody)).get().asString().startsWith("has MatMulInteger");
        ModelOps floats = new ModelOps(Map.of("Conv", 3, "LSTM", 1, "Constant", 9), Map.of(), Map.of());
        assertThat(CoreMlSupport.rulesOut(floats)).isEmpty();
        assertThat(CoreMlSupport.neverConverted(floats)).isEqualTo(Map.of("LSTM", 1));
        assertThat(CoreMlSupport.rulesOut(new ModelOps(Map.of("Constant", 1), Map.of(), Map.of())))
                .hasValue("it has no nodes to run");
    }

    @Test
    void theMachineIsDescribedByOsCpuAndCores() {
        Machine here = Machine.current();
        assertThat(here.describe()).contains(System.getProperty("os.arch"))
                .contains(", " + Runtime.getRuntime().availableProcessors() + " core");
        assertThat(here.cpu()).isNotBlank();
        assertThat(MAC.describe()).isEqualTo("Mac OS X 15.1 aarch64, Apple M4 Max, 16 cores");
    }

    // --- fakes

    static final class FakeTimer implements ProviderTrial.Timer {
        long now;

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public LocalDate today() {
            return DAY;
        }

        void advance(long millis) {
            now += millis * 1_000_000L;
        }
    }

    /** Each provider loads, runs first and runs in the milliseconds it is given, on the fake timer. */
    static final class FakeLab implements ProviderTrial.Lab {
        private final FakeTimer timer;
        private final Map<ExecutionProvider, long[]> times = new EnumMap<>(ExecutionProvider.class);
        private final Map<ExecutionProvider, long[]> jitter = new EnumMap<>(ExecutionProvider.class);
        private final Map<ExecutionProvider, String> openFailures = new EnumMap<>(ExecutionProvider.class);
        private final Map<ExecutionProvider, String> runFailures = new EnumMap<>(ExecutionProvider.class);
        final List<ExecutionProvider> opened = new ArrayList<>();
        final List<ExecutionProvider> closed = new ArrayList<>();
        final List<ExecutionProvider> stopped = new ArrayList<>();
        final Map<ExecutionProvider, Integer> runs = new EnumMap<>(ExecutionProvider.class);
        Consumer<ExecutionProvider> onRun = p -> { };

        FakeLab(FakeTimer timer) {
            this.timer = timer;
        }

        void times(ExecutionProvider p, long loadMs, long firstRunMs, long runMs) {
            times.put(p, new long[] {loadMs, firstRunMs, runMs});
        }

        void jitter(ExecutionProvider p, long[] runsMs) {
            jitter.put(p, runsMs);
        }

        void failOpen(ExecutionProvider p, String message) {
            openFailures.put(p, message);
        }

        void failRun(ExecutionProvider p, String message) {
            runFailures.put(p, message);
        }

        @Override
        public ProviderTrial.Contender open(ExecutionProvider p) throws Exception {
            opened.add(p);
            if (openFailures.containsKey(p)) {
                throw new Exception(openFailures.get(p) + "\nstack details");
            }
            long[] t = times.get(p);
            timer.advance(t[0]);
            return new ProviderTrial.Contender() {
                private int n;
                private boolean stop;

                @Override
                public void run() throws Exception {
                    runs.merge(p, 1, Integer::sum);
                    onRun.accept(p);
                    if (stop) {
                        throw new Exception("Exiting due to terminate flag being set to true.");
                    }
                    if (runFailures.containsKey(p) && n > 0) {
                        throw new Exception(runFailures.get(p));
                    }
                    long[] j = jitter.get(p);
                    timer.advance(n == 0 ? t[1] : j != null ? j[(n - 1) % j.length] : t[2]);
                    n++;
                }

                @Override
                public Optional<Placement> placement() {
                    return p == ExecutionProvider.CPU ? Optional.empty() : Optional.of(new Placement(
                            OptionalInt.of(3), OptionalInt.of(50), OptionalInt.of(40),
                            Map.of("CPUExecutionProvider", 12, "CoreMLExecutionProvider", 3)));
                }

                @Override
                public void stop() {
                    stop = true;
                    stopped.add(p);
                }

                @Override
                public void close() {
                    closed.add(p);
                }
            };
        }
    }
}
