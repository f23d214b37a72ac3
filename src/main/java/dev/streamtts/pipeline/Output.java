package dev.streamtts.pipeline;

import dev.streamtts.audio.AudioSink;
import dev.streamtts.tts.Voice;
import java.io.OutputStream;
import java.util.Objects;

/** Where the pipeline's sentences end up. */
public sealed interface Output {

    /** Speak them: synthesize with a voice, play into a sink. */
    record Speech(Voice voice, AudioSink sink) implements Output {
        public Speech {
            Objects.requireNonNull(voice, "voice");
            Objects.requireNonNull(sink, "sink");
        }
    }

    /** Print them as JSON lines ({@code --dry-run}); no voice or audio involved. */
    record DryRun(OutputStream stdout) implements Output {
        public DryRun {
            Objects.requireNonNull(stdout, "stdout");
        }
    }
}
