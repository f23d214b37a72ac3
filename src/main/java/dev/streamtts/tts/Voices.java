package dev.streamtts.tts;

import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.ModelUse;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.tts.kokoro.KokoroFiles;
import dev.streamtts.tts.kokoro.KokoroModel;
import dev.streamtts.tts.kokoro.KokoroVoices;
import dev.streamtts.tts.piper.PiperConfig;
import dev.streamtts.tts.piper.PiperModel;
import dev.streamtts.tts.piper.PiperVoice;
import java.util.Optional;

/** Opens the voice an installed catalog entry describes. */
public final class Voices {
    /**
     * The espeak-ng voice a voice phonemizes with.
     *
     * @param required false when the voice speaks without it (a Japanese Kokoro voice then spells out the
     *                 English words in its text)
     */
    public record EspeakUse(String voice, boolean required) {
    }

    private Voices() {
    }

    /** The espeak-ng voice {@code entry} needs, read from its files as {@link #open} reads them; empty when none. */
    public static Optional<EspeakUse> espeakUse(VoiceCatalog.Entry entry) throws ModelException {
        return switch (entry.kind()) {
            case PIPER -> Optional.ofNullable(PiperConfig.read(entry.model().resolveSibling(
                    entry.model().getFileName() + ".json")).phonemizerVoice()).map(v -> new EspeakUse(v, true));
            case KOKORO -> Optional.ofNullable(KokoroVoices.espeakVoice(entry.name()))
                    .map(v -> new EspeakUse(v, !KokoroFiles.language(entry.name()).equals("ja")));
        };
    }

    /** The ONNX file {@link #open} would load for {@code entry}, with its representative input (loads nothing). */
    public static ModelUse model(VoiceCatalog.Entry entry) {
        return switch (entry.kind()) {
            case PIPER -> new ModelUse("Piper voice " + entry.name(), entry.model(), PiperModel.SAMPLE);
            case KOKORO -> new ModelUse("Kokoro model", entry.model(), KokoroModel.SAMPLE);
        };
    }

    public static Voice open(VoiceCatalog.Entry entry, VoiceOptions options, OnnxOptions onnx) throws ModelException {
        return switch (entry.kind()) {
            case PIPER -> PiperVoice.open(entry.model(), options, onnx);
            case KOKORO -> KokoroVoices.open(entry.name(), entry.model(), entry.data(), options, onnx);
        };
    }
}
