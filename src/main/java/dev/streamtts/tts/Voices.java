package dev.streamtts.tts;

import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.tts.kokoro.KokoroVoices;
import dev.streamtts.tts.piper.PiperVoice;

/** Opens the voice an installed catalog entry describes. */
public final class Voices {
    private Voices() {
    }

    public static Voice open(VoiceCatalog.Entry entry, VoiceOptions options, OnnxOptions onnx) throws ModelException {
        return switch (entry.kind()) {
            case PIPER -> PiperVoice.open(entry.model(), options, onnx);
            case KOKORO -> KokoroVoices.open(entry.name(), entry.model(), entry.data(), options, onnx);
        };
    }
}
