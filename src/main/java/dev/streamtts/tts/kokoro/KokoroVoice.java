package dev.streamtts.tts.kokoro;

import ai.onnxruntime.OrtException;
import dev.streamtts.audio.Pcm;
import dev.streamtts.text.Cuts;
import dev.streamtts.tts.Voice;
import dev.streamtts.tts.VoiceException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kokoro-82M voice: a language front end makes phonemes, the vocabulary makes ids, and each piece of
 * at most 510 ids is one model run with the voice's style row for that length. Output is 24 kHz.
 */
final class KokoroVoice implements Voice {
    /** Where an over-long phoneme string is cut: after a sentence mark, else a clause mark, else a space. */
    private static final String[][] PIECE_MARKS = {{".", "!", "?", "…"}, {",", ";", ":", "—"}, {" "}};

    private final String name;
    private final KokoroModel model;
    private final VoiceStyles styles;
    private final KokoroVocab vocab;
    private final KokoroFrontend frontend;
    private final float speed;

    public KokoroVoice(String name, KokoroModel model, VoiceStyles styles, KokoroVocab vocab, KokoroFrontend frontend,
                       double speed) {
        this.name = name;
        this.model = model;
        this.styles = styles;
        this.vocab = vocab;
        this.frontend = frontend;
        this.speed = (float) speed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int sampleRate() {
        return KokoroModel.SAMPLE_RATE;
    }

    /** The phonemes the voice will say, for checks and tests. */
    public String phonemes(String text) throws VoiceException {
        return frontend.phonemes(text);
    }

    @Override
    public Pcm synthesize(String text) throws VoiceException {
        List<float[]> parts = new ArrayList<>();
        for (String piece : pieces(frontend.phonemes(text))) {
            long[] ids = vocab.ids(piece);
            if (ids.length == 0) {
                continue;
            }
            try {
                float[] audio = model.run(ids, styles.forLength(ids.length), speed);
                parts.add(audio);
            } catch (OrtException e) {
                throw new VoiceException("the Kokoro model failed: " + e.getMessage(), e);
            }
        }
        return Pcm.concat(parts, KokoroModel.SAMPLE_RATE);
    }

    @Override
    public void warmUp() throws VoiceException {
        synthesize(WARM_UP_TEXT);
    }

    /** Cuts a phoneme string into pieces of at most 510 ids, after punctuation where possible. */
    List<String> pieces(String phonemes) {
        List<String> out = new ArrayList<>();
        String rest = phonemes.strip();
        while (vocab.ids(rest).length > KokoroModel.MAX_PHONEMES) {
            int limit = indexAfterIds(rest, KokoroModel.MAX_PHONEMES);
            int cut = Cuts.afterLastMark(rest, limit / 3, limit, PIECE_MARKS);
            if (cut <= 0) {
                cut = limit;
            }
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            out.add(rest);
        }
        return out;
    }

    /** The char index just after the {@code n}-th character that has an id. */
    private int indexAfterIds(String s, int n) {
        int count = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (vocab.contains(cp) && ++count == n) {
                return i;
            }
        }
        return s.length();
    }

    @Override
    public void close() {
        model.close();
    }
}
