package dev.streamtts.cli.config;

import dev.streamtts.input.InputOptions;
import dev.streamtts.onnx.ExecutionProvider;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.pipeline.BacklogPolicy;
import dev.streamtts.pipeline.PipelineOptions;
import dev.streamtts.text.ActivityMode;
import dev.streamtts.text.ActivityOptions;
import dev.streamtts.text.CodeBlockPolicy;
import dev.streamtts.text.SummaryMode;
import dev.streamtts.text.TextOptions;
import dev.streamtts.translate.GenerationOptions;
import dev.streamtts.translate.LanguageCode;
import dev.streamtts.translate.NllbFiles;
import dev.streamtts.translate.ShortlistMode;
import dev.streamtts.tts.VoiceOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole configuration, shaped as config.yaml is: one record per section, one component per key (written
 * in snake_case there). config.yaml itself states the defaults; {@link ConfigFiles} builds this once at
 * start-up. Each section checks its values in its constructor and makes the options of the stages it feeds.
 * A new option is a component here and its documented line in config.yaml (and, when it is also a
 * command-line option, an {@code @Option} marked {@code @Sets} with its key).
 */
public record Config(Input input, Text text, Translate translate, Voice voice, Onnx onnx, Audio audio,
                     Pipeline pipeline, Models models) {

    public record Input(boolean subagents, int maxLineMb) {
        public Input {
            Check.within("max_line_mb", maxLineMb, 1, 1024);
        }

        public InputOptions options() {
            return new InputOptions(maxLineMb * 1024L * 1024L, subagents);
        }
    }

    /** @param activityAfterS under {@code activity: brief}, seconds of silence before a tool call is named */
    public record Text(CodeBlockPolicy codeBlocks, String codeNotice, int maxSentenceChars, ActivityMode activity,
                       int activityAfterS, SummaryMode summary) {
        public Text {
            Check.within("max_sentence_chars", maxSentenceChars, 40, 5000);
            Check.within("activity_after_s", activityAfterS, 0, 3600);
        }

        public ActivityOptions activityOptions() {
            return new ActivityOptions(activity, Duration.ofSeconds(activityAfterS), summary);
        }
    }

    public record Translate(boolean enabled, LanguageCode sourceLang, LanguageCode targetLang, String model,
                            NllbFiles.Precision precision, int numBeams, ShortlistMode shortlist, int maxLength,
                            double maxRatio, int cache) {
        public Translate {
            Check.within("num_beams", numBeams, 1, 8);
            Check.within("max_length", maxLength, 8, 1024);
            Check.within("max_ratio", maxRatio, 0, 100);
            Check.within("cache", cache, 0, 100_000);
        }

        public GenerationOptions generation() {
            return new GenerationOptions(numBeams, maxLength, 1.0, maxRatio);
        }

        /** The language the voice speaks: the target language, or the source with translation off. */
        public LanguageCode spoken() {
            return enabled ? targetLang : sourceLang;
        }
    }

    /** @param defaults the default voice of each spoken language, in the order config.yaml gives them */
    public record Voice(String name, Map<LanguageCode, String> defaults, String speaker, double speed,
                        Double noiseScale, Double noiseW, boolean chunk) {
        public Voice {
            defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
            Check.within("speed", speed, 0.25, 4.0);
            Check.withinOrDefault("noise_scale", noiseScale, 0, 2);
            Check.withinOrDefault("noise_w", noiseW, 0, 2);
        }

        public boolean auto() {
            return name.equals("auto");
        }

        public VoiceOptions options() {
            return new VoiceOptions(speaker.isBlank() ? null : speaker, speed, noiseScale, noiseW);
        }
    }

    public record Onnx(ExecutionProvider provider, int threads) {
        public Onnx {
            Check.within("threads", threads, 0, 256);
        }

        /** CoreML's compiled models are kept beside the models they come from. */
        public OnnxOptions options(Path modelsDir) {
            return new OnnxOptions(provider, threads, modelsDir.resolve(".coreml-cache"));
        }
    }

    /** @param device part of a device's name; blank: the system's default; "none": do not play */
    public record Audio(String device, int bufferMs, int sentenceSilenceMs, double fadeMs) {
        public Audio {
            Check.within("buffer_ms", bufferMs, 50, 5000);
            Check.within("sentence_silence_ms", sentenceSilenceMs, 0, 10_000);
            Check.within("fade_ms", fadeMs, 0, 50);
        }

        public boolean none() {
            return device.equalsIgnoreCase("none");
        }
    }

    public record Pipeline(BacklogPolicy backlog, int catchUpAfterS) {
        public Pipeline {
            Check.within("catch_up_after_s", catchUpAfterS, 1, 86_400);
        }
    }

    /**
     * @param dir      relative: from the stream-tts checkout
     * @param manifest blank: the checkout's (or the built-in) models/manifest.yaml
     */
    public record Models(Path dir, boolean autoDownload, String manifest) {
    }

    /** The text stage's options: the prose is in the source language. */
    public TextOptions textOptions() {
        return new TextOptions(text.codeBlocks(), text.codeNotice(), text.maxSentenceChars(),
                translate.sourceLang().locale());
    }

    /** How the stages are joined: the backlog policy, the sound between and within sentences. */
    public PipelineOptions pipelineOptions() {
        return new PipelineOptions(pipeline.backlog(), Duration.ofSeconds(pipeline.catchUpAfterS()),
                audio.sentenceSilenceMs() / 1000.0, audio.fadeMs(), 2, voice.chunk());
    }
}
