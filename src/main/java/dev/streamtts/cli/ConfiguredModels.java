package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.ConfigKeys;
import dev.streamtts.cli.config.Settings;
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

    static List<Part> of(Components components, Settings settings) throws ConfigException {
        List<Part> parts = new ArrayList<>();
        if (settings.get(ConfigKeys.TRANSLATE_ENABLED)) {
            NllbFiles.Precision precision = settings.get(ConfigKeys.TRANSLATE_PRECISION);
            String label = "translator " + settings.get(ConfigKeys.TRANSLATE_MODEL) + " ("
                    + precision.name().toLowerCase(Locale.ROOT) + ")";
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
}
