package dev.streamtts.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model opened with ONNX Runtime on each provider of a trial, with the options a run uses, and run
 * with its owner's representative input. When it can, it reads ONNX Runtime's own report of where the
 * nodes went ({@link Placement}) while the session is made.
 */
final class OrtLab implements ProviderTrial.Lab {
    private final Path model;
    private final OnnxOptions options;
    private final SampleInput sample;
    private final boolean readLog;

    OrtLab(Path model, OnnxOptions options, SampleInput sample, boolean readLog) {
        this.model = model;
        this.options = options;
        this.sample = sample;
        this.readLog = readLog && OrtLog.available();
    }

    @Override
    public ProviderTrial.Contender open(ExecutionProvider provider) throws OrtException {
        OrtLog.Captured<OrtSession> made = readLog
                ? OrtLog.capture(() -> OnnxSessions.createForTrial(model, options, provider, true))
                : new OrtLog.Captured<>(OnnxSessions.createForTrial(model, options, provider, false), List.of());
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
        return new OrtContender(session, inputs, runOptions, Placement.parse(made.lines()));
    }

    private static final class OrtContender implements ProviderTrial.Contender {
        private final OrtSession session;
        private final Map<String, OnnxTensor> inputs;
        private final OrtSession.RunOptions runOptions;
        private final Optional<Placement> placement;
        private boolean closed;

        OrtContender(OrtSession session, Map<String, OnnxTensor> inputs, OrtSession.RunOptions runOptions,
                     Optional<Placement> placement) {
            this.session = session;
            this.inputs = inputs;
            this.runOptions = runOptions;
            this.placement = placement;
        }

        @Override
        public void run() throws OrtException {
            NativeCalls.run(() -> {
                session.run(inputs, runOptions).close();
                return null;
            });
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
            inputs.values().forEach(OnnxTensor::close);
            OnnxSessions.close(session);
            runOptions.close();
        }
    }
}
