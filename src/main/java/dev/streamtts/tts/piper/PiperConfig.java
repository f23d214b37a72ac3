package dev.streamtts.tts.piper;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamtts.models.ModelException;
import dev.streamtts.models.ModelJson;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Piper voice's {@code NAME.onnx.json}: what the phonemes are and how they map to the model's ids.
 *
 * @param phonemeIds      one code point → its ids (a list in the format, one id in published voices)
 * @param phonemeSilence  seconds of silence after a phoneme (optional; the original C++ Piper's feature)
 * @param speakers        speaker name → id ({@code speaker_id_map}); may be empty for multi-speaker voices
 */
public record PiperConfig(int sampleRate, String espeakVoice, String phonemeType, Map<Integer, int[]> phonemeIds,
                          Map<Integer, Double> phonemeSilence, float noiseScale, float lengthScale, float noiseW,
                          int numSpeakers, Map<String, Integer> speakers, String language) {

    static final int PAD = '_';
    static final int BOS = '^';
    static final int EOS = '$';

    /** The espeak-ng voice that phonemizes for this voice, or null when its phonemes are the text's letters. */
    public String phonemizerVoice() {
        return phonemeType.equals("espeak") ? espeakVoice : null;
    }

    public static PiperConfig read(Path file) throws ModelException {
        JsonNode c = ModelJson.readObject(file, "a Piper voice config");
        int sampleRate = c.path("audio").path("sample_rate").asInt(0);
        if (sampleRate < 8000) {
            throw new ModelException(file + ": missing or invalid audio.sample_rate");
        }
        int numSymbols = c.path("num_symbols").asInt(Integer.MAX_VALUE);
        Map<Integer, int[]> ids = new HashMap<>();
        JsonNode map = c.path("phoneme_id_map");
        for (var it = map.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            if (key.codePointCount(0, key.length()) != 1 || !e.getValue().isArray() || e.getValue().isEmpty()) {
                throw new ModelException(file + ": phoneme_id_map entry '" + key + "' is not one phoneme with a list of ids");
            }
            int[] values = new int[e.getValue().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = e.getValue().get(i).asInt(-1);
                if (values[i] < 0 || values[i] >= numSymbols) {
                    throw new ModelException(file + ": phoneme_id_map['" + key + "'] has id " + values[i]
                            + " outside 0.." + (numSymbols - 1));
                }
            }
            ids.put(key.codePointAt(0), values);
        }
        for (int special : new int[] {PAD, BOS, EOS}) {
            if (!ids.containsKey(special)) {
                throw new ModelException(file + ": phoneme_id_map lacks '" + Character.toString(special) + "'");
            }
        }
        Map<Integer, Double> silence = new HashMap<>();
        JsonNode inference = c.path("inference");
        for (var it = inference.path("phoneme_silence").fields(); it.hasNext(); ) {
            var e = it.next();
            silence.put(e.getKey().codePointAt(0), e.getValue().asDouble());
        }
        Map<String, Integer> speakers = new LinkedHashMap<>();
        for (var it = c.path("speaker_id_map").fields(); it.hasNext(); ) {
            var e = it.next();
            speakers.put(e.getKey(), e.getValue().asInt());
        }
        String language = c.path("language").path("code").asText(c.path("espeak").path("voice").asText(""));
        return new PiperConfig(sampleRate, c.path("espeak").path("voice").asText("en-us"),
                c.path("phoneme_type").asText("espeak"), ids, silence,
                (float) inference.path("noise_scale").asDouble(0.667), (float) inference.path("length_scale").asDouble(1.0),
                (float) inference.path("noise_w").asDouble(0.8), c.path("num_speakers").asInt(1), speakers, language);
    }
}
