package dev.streamtts.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.translate.NllbFiles;
import dev.streamtts.translate.NllbTranslator;
import dev.streamtts.tts.VoiceCatalog;
import dev.streamtts.tts.Voices;
import dev.streamtts.tts.kokoro.KokoroModel;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trials with ONNX Runtime itself, on the CPU (all a Linux build has): every model owner's representative
 * input runs on its tiny model, ONNX Runtime's placement report is read from its log, and the background
 * queue stops a trial at exit.
 */
class ProviderTrialOrtTest {
    static final Path MODELS = Path.of("src/test/resources/models");

    private static List<ModelUse> everyModel() throws Exception {
        List<ModelUse> models = new ArrayList<>();
        for (NllbFiles.Precision precision : NllbFiles.Precision.values()) {
            models.addAll(NllbTranslator.models(MODELS.resolve("nllb-tiny"), precision));
        }
        // the split pair too (models() prefers the merged decoder)
        models.add(new ModelUse("decoder", MODELS.resolve("nllb-tiny/decoder_model.onnx"),
                models.get(1).sample()));
        models.add(new ModelUse("decoder with past", MODELS.resolve("nllb-tiny/decoder_with_past_model.onnx"),
                models.get(1).sample()));
        for (VoiceCatalog.Entry voice : VoiceCatalog.scan(MODELS).entries()) {
            models.add(Voices.model(voice));
        }
        // Kokoro's voices share one model file and one sample: the same trial three times over proves no more.
        return models.stream().distinct().toList();
    }

    @Test
    void everyRepresentativeInputRunsOnItsModelAndOnnxRuntimeSaysWhereTheNodesWent() throws Exception {
        long started = System.currentTimeMillis() - 1000;
        List<ModelUse> models = everyModel();
        assertThat(models).extracting(m -> m.file().getFileName().toString()).contains("encoder_model.onnx",
                "encoder_model_quantized.onnx", "decoder_with_past_model.onnx", "en_US-tiny_1spk-x_low.onnx",
                "en_US-tiny_3spk-x_low.onnx");
        assertThat(models).extracting(ModelUse::what).contains("Kokoro model");
        for (ModelUse m : models) {
            for (OrtLab.Report report : new OrtLab.Report[] {OrtLab.Report.LOG, OrtLab.Report.PROFILE}) {
                OrtLab lab = new OrtLab(m.file(), OnnxOptions.cpu(1), m.sample(), report);
                ProviderTrial trial = new ProviderTrial(lab, List.of(ExecutionProvider.CPU),
                        ProviderTrial.Timer.system(), 1, Duration.ofSeconds(60), null);
                ProviderTrial.Measurement cpu = trial.measureAll().get(0);
                String what = m.file() + " " + report;
                assertThat(cpu.failure()).as(what).isEmpty();
                assertThat(cpu.runs()).isEqualTo(1);
                assertThat(cpu.medianNanos()).isPositive();
                Placement placement = cpu.placement().orElseThrow(() -> new AssertionError(what + ": no placement"));
                assertThat(placement.cpuNodes().orElseThrow()).as(what).isPositive();
                assertThat(placement.partitions()).isEmpty(); // CoreML's summary: only on a Mac
                assertThat(placement.describe()).matches("\\d+ nodes on the CPU");
            }
        }
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("stream-tts-trial-profile")
                    && p.toFile().lastModified() >= started)).as("profiles are removed").isEmpty();
        }
    }

    @Test
    void aProfileSaysWhichProviderRanEachNode() throws Exception {
        Path profile = Files.createTempFile("profile", ".json");
        Files.writeString(profile, """
                [
                {"cat" : "Session","name" :"session_initialization","args" : {}},
                {"cat" : "Node","name" :"CoreML_1_0_kernel_time","args" : {"provider" : "CoreMLExecutionProvider"}},
                {"cat" : "Node","name" :"CoreML_1_1_kernel_time","args" : {"provider" : "CoreMLExecutionProvider"}},
                {"cat" : "Node","name" :"/lstm/LSTM_kernel_time","args" : {"provider" : "CPUExecutionProvider"}},
                {"cat" : "Node","name" :"/lstm/LSTM_kernel_time","args" : {"provider" : "CPUExecutionProvider"}},
                {"cat" : "Node","name" :"/lstm/LSTM_fence_before","args" : {"provider" : "CPUExecutionProvider"}},
                {"cat" : "Node","name" :"/cumsum_kernel_time","args" : {"provider" : "CPUExecutionProvider"}}
                ]
                """);
        try {
            Placement p = Placement.fromProfile(profile).orElseThrow();
            assertThat(p.placed()).isEqualTo(Map.of("CoreMLExecutionProvider", 2, "CPUExecutionProvider", 2));
            assertThat(p.describe()).isEqualTo("2 partitions on CoreML; 2 nodes on the CPU");
            Files.writeString(profile, "[]");
            assertThat(Placement.fromProfile(profile)).isEmpty();
        } finally {
            Files.delete(profile);
        }
    }

    @Test
    void aRunOpensOnTheCpuTrialsCoremlAndRemembersWhatItFound(@TempDir Path dir) throws Exception {
        // Here CoreML cannot even be added to a session: the trial finds that, and the CPU is remembered.
        Path model = dir.resolve("kokoro-tiny-tokens.onnx");
        Files.copy(MODELS.resolve("kokoro/kokoro-tiny-tokens.onnx"), model);
        OnnxOptions options = new OnnxOptions(ExecutionProvider.AUTO, 1, dir.resolve(".coreml-cache"));
        AutoProvider auto = new AutoProvider(List.of(ExecutionProvider.COREML), Machine.current(), OnnxSessions::version,
                (m, o, sample) -> new OrtLab(m, o, sample, OrtLab.Report.PROFILE), ProviderTrial.Timer.system(), null);
        OnnxSessions.close(OnnxSessions.openUnchecked(model, options, "Kokoro model", "fix", KokoroModel.SAMPLE, auto));
        AutoProvider.Decision remembered = auto.decide(model, options, KokoroModel.SAMPLE);
        assertThat(remembered.provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(remembered.trial()).isFalse();
        assertThat(remembered.reason()).startsWith("CoreML could not open the model (").contains("in a trial on this "
                + "machine on ");
        assertThat(Files.readString(dir.resolve(".coreml-cache/provider-choices.json")))
                .contains(model.toAbsolutePath().toString()).contains(OnnxSessions.version());
        // the next run: no trial, the remembered CPU
        OnnxSessions.close(OnnxSessions.openUnchecked(model, options, "Kokoro model", "fix", KokoroModel.SAMPLE,
                new AutoProvider(List.of(ExecutionProvider.COREML), Machine.current(), OnnxSessions::version,
                        (m, o, sample) -> {
                            throw new AssertionError("no trial expected");
                        }, ProviderTrial.Timer.system(), null)));
    }

    @Test
    void theLogIsReadAndWhatIsNotOnnxRuntimesGoesBackToStderr() throws Exception {
        assertThat(OrtLog.available()).as("POSIX: fd 2 can be pointed elsewhere").isTrue();
        PrintStream original = System.err;
        ByteArrayOutputStream copied = new ByteArrayOutputStream();
        System.setErr(new PrintStream(copied, true, StandardCharsets.UTF_8));
        OrtLog.Captured<String> captured;
        try {
            captured = OrtLog.capture(() -> {
                FileOutputStream fd2 = new FileOutputStream(FileDescriptor.err);
                fd2.write("a line of our own, meanwhile\n".getBytes(StandardCharsets.UTF_8));
                fd2.flush();
                OnnxSessions.close(OnnxSessions.createForTrial(MODELS.resolve("nllb-tiny/encoder_model.onnx"),
                        OnnxOptions.cpu(1), ExecutionProvider.CPU, true, null));
                return "made";
            });
        } finally {
            System.setErr(original);
        }
        assertThat(captured.value()).isEqualTo("made");
        assertThat(captured.lines()).isNotEmpty().allMatch(l -> l.contains(":onnxruntime:"));
        assertThat(captured.lines()).anyMatch(l -> l.contains("All nodes placed on [CPUExecutionProvider]"));
        assertThat(copied.toString(StandardCharsets.UTF_8)).isEqualTo("a line of our own, meanwhile"
                + System.lineSeparator());
        Placement p = Placement.parse(captured.lines()).orElseThrow();
        assertThat(p.placed()).containsOnlyKeys("CPUExecutionProvider");
    }

    @Test
    void theCoremlSummaryAndPlacementLinesAreParsed() {
        // as ONNX Runtime 1.2x prints them on a Mac (NLLB int8's figures from the issue)
        List<String> lines = List.of(
                "2026-12-01 10:00:00.1 [W:onnxruntime:, coreml_execution_provider.cc:113 GetCapability] "
                        + "CoreMLExecutionProvider::GetCapability, number of partitions supported by CoreML: 171 "
                        + "number of nodes in the graph: 1234 number of nodes supported by CoreML: 627",
                "2026-12-01 10:00:00.2 [V:onnxruntime:, session_state.cc:1381 VerifyEachNodeIsAssignedToAnEp]  "
                        + "Node(s) placed on [CoreMLExecutionProvider]. Number of nodes: 171",
                "2026-12-01 10:00:00.3 [V:onnxruntime:, session_state.cc:1383 VerifyEachNodeIsAssignedToAnEp]   "
                        + "CoreML_123_0 (CoreML_123_0)",
                "2026-12-01 10:00:00.4 [V:onnxruntime:, session_state.cc:1381 VerifyEachNodeIsAssignedToAnEp]  "
                        + "Node(s) placed on [CPUExecutionProvider]. Number of nodes: 607");
        Placement p = Placement.parse(lines).orElseThrow();
        assertThat(p.partitions().getAsInt()).isEqualTo(171);
        assertThat(p.coremlNodes().getAsInt()).isEqualTo(627);
        assertThat(p.graphNodes().getAsInt()).isEqualTo(1234);
        assertThat(p.cpuNodes().getAsInt()).isEqualTo(607);
        assertThat(p.describe()).isEqualTo("CoreML took 627 of 1234 nodes in 171 partitions; 607 nodes on the CPU");
        assertThat(Placement.parse(List.of("[I:onnxruntime:, x.cc:1 F] Initializing session."))).isEmpty();
    }

    @Test
    void exitStopsTheTrialInProgressAndWaitsForItsThread() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        ProviderTrial.Lab blocking = p -> new ProviderTrial.Contender() {
            private final CountDownLatch stop = new CountDownLatch(1);

            @Override
            public void run() throws Exception {
                running.countDown();
                if (!stop.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("never stopped");
                }
                throw new Exception("terminated");
            }

            @Override
            public Optional<Placement> placement() {
                return Optional.empty();
            }

            @Override
            public void stop() {
                stop.countDown();
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        TrialQueue queue = new TrialQueue(Duration.ZERO);
        ProviderTrial trial = new ProviderTrial(blocking, List.of(ExecutionProvider.CPU, ExecutionProvider.COREML),
                ProviderTrial.Timer.system(), 3, Duration.ofSeconds(60), queue.watchdog());
        AtomicBoolean done = new AtomicBoolean();
        queue.submit("model", trial, o -> done.set(true));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.stop(Duration.ofSeconds(10))).isTrue();
        assertThat(closed).isTrue();
        assertThat(done).isFalse();
        assertThat(trial.cancelled()).isTrue();
        queue.submit("another", trial, o -> done.set(true)); // after exit: ignored
        assertThat(queue.stop(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void theWatchdogStopsARunThatOutlastsTheBudget() throws Exception {
        TrialQueue queue = new TrialQueue(Duration.ZERO);
        ProviderTrial.Lab slowCoreml = p -> new ProviderTrial.Contender() {
            private final CountDownLatch stop = new CountDownLatch(1);

            @Override
            public void run() throws Exception {
                if (p == ExecutionProvider.COREML && !stop.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("never stopped");
                }
                if (stop.getCount() == 0) {
                    throw new Exception("terminated");
                }
            }

            @Override
            public Optional<Placement> placement() {
                return Optional.empty();
            }

            @Override
            public void stop() {
                stop.countDown();
            }

            @Override
            public void close() {
            }
        };
        ProviderTrial trial = new ProviderTrial(slowCoreml, List.of(ExecutionProvider.CPU, ExecutionProvider.COREML),
                ProviderTrial.Timer.system(), 2, Duration.ofMillis(300), queue.watchdog());
        ProviderTrial.Outcome outcome = trial.run().orElseThrow();
        assertThat(outcome.choice()).isEqualTo(ExecutionProvider.CPU);
        assertThat(outcome.reason()).startsWith("CoreML took over 300 ms to load and run once");
        queue.stop(Duration.ofSeconds(1));
    }
}
