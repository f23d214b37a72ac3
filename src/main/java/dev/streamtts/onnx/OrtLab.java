package dev.streamtts.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model opened with ONNX Runtime on each provider of a trial, with the options a run uses, and run
 * with its owner's representative input. Where the nodes went ({@link Placement}) is learnt one of two
 * ways: in the foreground (the bench) from ONNX Runtime's own report while the session is made, read from
 * its log ({@link Report#LOG}); in a background trial, where stderr must stay the speech's, from ONNX
 * Runtime's profile of the first run ({@link Report#PROFILE}: the nodes each provider ran, a CoreML
 * partition being one fused node).
 */
final class OrtLab implements ProviderTrial.Lab {
    /** How the placement is learnt. */
    enum Report { LOG, PROFILE, NONE }

    private final Path model;
    private final OnnxOptions options;
    private final SampleInput sample;
    private final Report report;

    OrtLab(Path model, OnnxOptions options, SampleInput sample, Report report) {
        this.model = model;
        this.options = options;
        this.sample = sample;
        this.report = report == Report.LOG && !OrtLog.available() ? Report.PROFILE : report;
    }

    @Override
    public ProviderTrial.Contender open(ExecutionProvider provider) throws OrtException {
        Path profile = report == Report.PROFILE
                ? Path.of(System.getProperty("java.io.tmpdir"), "stream-tts-trial-profile") : null;
        OrtLog.Captured<OrtSession> made = report == Report.LOG
                ? OrtLog.capture(() -> OnnxSessions.createForTrial(model, options, provider, true, null))
                : new OrtLog.Captured<>(OnnxSessions.createForTrial(model, options, provider, false, profile),
                        List.of());
        OrtSession session = made.value();
        Map<String, OnnxTensor> inputs;
        OrtSession.RunOptions runOptions = null;
        try {
            inputs = sample.create(session);
            runOptions = new OrtSession.RunOptions();
            runOptions.setLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL); // the session's VERBOSE is for its making
        } catch (OrtException | RuntimeException e) {
            if (runOptions != null) {
                runOptions.close();
            }
            OnnxSessions.close(session);
            throw e;
        }
        return new OrtContender(session, inputs, runOptions, Placement.parse(made.lines()), profile != null);
    }

    private static final class OrtContender implements ProviderTrial.Contender {
        private final OrtSession session;
        private final Map<String, OnnxTensor> inputs;
        private final OrtSession.RunOptions runOptions;
        private Optional<Placement> placement;
        private boolean profiling;
        private boolean closed;

        OrtContender(OrtSession session, Map<String, OnnxTensor> inputs, OrtSession.RunOptions runOptions,
                     Optional<Placement> placement, boolean profiling) {
            this.session = session;
            this.inputs = inputs;
            this.runOptions = runOptions;
            this.placement = placement;
            this.profiling = profiling;
        }

        @Override
        public void run() throws OrtException {
            NativeCalls.run(() -> {
                session.run(inputs, runOptions).close();
                return null;
            });
            if (profiling) { // the first run is profiled; the timed ones are not
                profiling = false;
                endProfiling();
            }
        }

        private void endProfiling() {
            try {
                Path file = Path.of(NativeCalls.run(session::endProfiling));
                try {
                    placement = Placement.fromProfile(file);
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (OrtException | IOException | RuntimeException e) {
                placement = Optional.empty(); // only the placement is lost; the timing goes on
            }
        }

        @Override
        public Optional<Placement> placement() {
            return placement;
        }

        @Override
        public synchronized void stop() {
            if (!closed) {
                try {
                    runOptions.setTerminate(true); // the run in progress returns with an error, and so do later ones
                } catch (OrtException e) {
                    // closing follows; nothing else to stop
                }
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (profiling) { // never ran: the profile ORT keeps open is ended and removed
                profiling = false;
                endProfiling();
            }
            inputs.values().forEach(OnnxTensor::close);
            OnnxSessions.close(session);
            runOptions.close();
        }
    }
}
