package dev.streamtts.cli;

import dev.streamtts.cli.config.Config;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.ModelUse;
import dev.streamtts.translate.NllbFiles;
import dev.streamtts.translate.NllbTranslator;
import dev.streamtts.tts.VoiceCatalog;
import dev.streamtts.tts.Voices;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The ONNX files a run with these options opens, each with its representative input: for 'doctor' and the bench. */
final class ConfiguredModels {
    private ConfiguredModels() {
    }

    /**
     * A part of the configuration (the translator, the voice): its files, or why there are none yet.
     *
     * @param absent null when the files are there
     */
    record Part(String label, List<ModelUse> models, String absent) {
    }

    static List<Part> of(Components components, Config config) {
        List<Part> parts = new ArrayList<>();
        if (config.translate().enabled()) {
            NllbFiles.Precision precision = config.translate().precision();
            String label = translatorLabel(config.translate());
            try {
                parts.add(new Part(label, NllbTranslator.models(components.translatorDir(), precision), null));
            } catch (ModelException e) {
                parts.add(new Part(label, List.of(), e.getMessage()));
            }
        }
        try {
            VoiceCatalog.Entry voice = components.chooseVoice(components.voices());
            parts.add(new Part("voice " + voice.name(), List.of(Voices.model(voice)), null));
        } catch (ModelException e) {
            String wanted = components.wantedVoice();
            parts.add(new Part(wanted == null ? "voice" : "voice " + wanted, List.of(), e.getMessage()));
        }
        return parts;
    }

    /** "translator nllb-200-distilled-600M (int8)". */
    static String translatorLabel(Config.Translate translate) {
        return "translator " + translate.model() + " (" + translate.precision().name().toLowerCase(Locale.ROOT) + ")";
    }
}
