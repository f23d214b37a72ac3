package dev.streamtts.audio;

import static dev.streamtts.audio.Samples.assertSameSamples;
import static dev.streamtts.audio.Samples.concat;
import static dev.streamtts.audio.Samples.longestQuiet;
import static dev.streamtts.audio.Samples.maxJump;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.tts.Voice;
import dev.streamtts.tts.VoiceCatalog;
import dev.streamtts.tts.VoiceOptions;
import dev.streamtts.tts.Voices;
import dev.streamtts.tts.piper.PiperVoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seams between the pieces of a sentence, measured on real audio from the tiny test voices. */
class PieceJoinerTest {
    static final double FADE_MS = 5;
    static Voice piper;
    static Voice kokoro;

    @BeforeAll
    static void openVoices() throws Exception {
        piper = PiperVoice.open(Path.of("src/test/resources/models/piper/en_US-tiny_1spk-x_low.onnx"),
                new VoiceOptions(null, 1.0, 0.0, 0.0), OnnxOptions.cpu(1));
        kokoro = Voices.open(VoiceCatalog.scan(Path.of("src/test/resources/models")).find("jf_alpha").orElseThrow(),
                VoiceOptions.defaults(), OnnxOptions.cpu(1));
    }

    @AfterAll
    static void closeVoices() {
        piper.close();
        kokoro.close();
    }

    /** Each voice with two pieces of a sentence it speaks. */
    static List<Object[]> cases() {
        return List.of(new Object[] {piper, "When the build has finished on every platform,", "we can merge the pull request."},
                new Object[] {kokoro, "ファイルを更新したので、", "テストをもう一度実行して、結果を確認します。"});
    }

    static float[] join(int rate, float[]... pieces) {
        PieceJoiner joiner = new PieceJoiner(rate, FADE_MS);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            out.add(joiner.add(new Pcm(pieces[i], rate), i == pieces.length - 1).samples());
        }
        return concat(out.toArray(float[][]::new));
    }

    /** Near-silence as voices make it: not digital zero, a faint noise floor. */
    static float[] quiet(double seconds, int rate, long seed) {
        Random r = new Random(seed);
        float[] s = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (r.nextGaussian() * 1e-5);
        }
        return s;
    }

    static int samples(double millis, int rate) {
        return (int) Math.round(millis / 1000.0 * rate);
    }

    @Test
    void aSentenceOfOnePieceIsTheClipWithItsFadesAsBefore() throws Exception {
        for (Object[] c : cases()) {
            Voice v = (Voice) c[0];
            Pcm whole = v.synthesize(c[1] + " " + c[2]);
            assertThat(new PieceJoiner(v.sampleRate(), FADE_MS).add(whole, true)).isEqualTo(Fades.apply(whole, FADE_MS));
        }
    }

    @Test
    void piecesThatEndAndStartAbruptlyJoinWithoutAStep() throws Exception {
        for (Object[] c : cases()) {
            Voice v = (Voice) c[0];
            int rate = v.sampleRate();
            float[] a = v.synthesize((String) c[1]).samples();
            float[] b = v.synthesize((String) c[2]).samples();
            // The worst seam: the first piece stops on its highest sample, the next starts on its lowest.
            a = Arrays.copyOf(a, argmax(a, +1) + 1);
            b = Arrays.copyOfRange(b, argmax(b, -1), b.length);
            float inside = Math.max(maxJump(a), maxJump(b));
            assertThat(maxJump(concat(a, b))).as("played back to back, the seam is a step").isGreaterThan(inside);

            float[] joined = join(rate, a, b);
            assertThat(maxJump(joined)).as(v.name() + ": no jump at the seam beyond those inside the pieces")
                    .isLessThanOrEqualTo(inside);
            // nothing is added: the pieces overlap by the crossfade, no pause comes between them
            int w = samples(PieceJoiner.CROSSFADE_MS, rate);
            assertThat(joined).hasSize(a.length + b.length - w);
            // fades at the ends of the sentence only; the ends of the pieces at the seam are theirs
            int fade = samples(FADE_MS, rate);
            assertThat(joined[0]).isZero();
            assertThat(joined[joined.length - 1]).isZero();
            assertSameSamples(Arrays.copyOfRange(joined, fade, a.length - w), Arrays.copyOfRange(a, fade, a.length - w));
            assertSameSamples(Arrays.copyOfRange(joined, a.length, joined.length - fade),
                    Arrays.copyOfRange(b, w, b.length - fade));
        }
    }

    @Test
    void longSilenceAtASeamIsCutToAClausePause() throws Exception {
        for (Object[] c : cases()) {
            Voice v = (Voice) c[0];
            int rate = v.sampleRate();
            float[] a = v.synthesize((String) c[1]).samples();
            float[] b = v.synthesize((String) c[2]).samples();
            // as a voice ends an utterance and starts the next: half a second after, a third before
            float[] joined = join(rate, concat(a, quiet(0.5, rate, 1)), concat(quiet(0.3, rate, 2), b));
            float level = 1e-3f;
            double pauseMs = longestQuiet(joined, level) * 1000.0 / rate;
            assertThat(pauseMs).as(v.name() + ": the pause at the seam")
                    .isLessThanOrEqualTo(PieceJoiner.MAX_PAUSE_MS)
                    .isGreaterThan(PieceJoiner.MAX_PAUSE_MS - PieceJoiner.CROSSFADE_MS - 1);
            // every sample of speech is still there: only near-silence was cut
            int w = samples(PieceJoiner.CROSSFADE_MS, rate);
            int speechA = a.length - PieceJoiner.trailingSilence(a, PieceJoiner.silenceLevel(a));
            int speechB = b.length - PieceJoiner.leadingSilence(b, PieceJoiner.silenceLevel(b));
            assertThat(joined).hasSize(speechA + speechB + samples(PieceJoiner.MAX_PAUSE_MS, rate) - w);
            assertThat(maxJump(joined)).isLessThanOrEqualTo(Math.max(maxJump(a), maxJump(b)));
        }
    }

    @Test
    void aShortNaturalPauseIsKeptAsItIs() throws Exception {
        for (Object[] c : cases()) {
            Voice v = (Voice) c[0];
            int rate = v.sampleRate();
            float[] a = v.synthesize((String) c[1]).samples();
            float[] b = v.synthesize((String) c[2]).samples();
            float[] joined = join(rate, concat(a, quiet(0.06, rate, 3)), concat(quiet(0.02, rate, 4), b));
            int w = samples(PieceJoiner.CROSSFADE_MS, rate);
            assertThat(joined).hasSize(a.length + b.length + samples(60, rate) + samples(20, rate) - w);
        }
    }

    @Test
    void aPieceIsHandedOnAtOnceButForItsQuietEnd() throws Exception {
        Voice v = kokoro;
        int rate = v.sampleRate();
        float[] a = concat(v.synthesize("ファイルを更新したので、").samples(), quiet(0.3, rate, 5));
        PieceJoiner joiner = new PieceJoiner(rate, FADE_MS);
        Pcm now = joiner.add(new Pcm(a, rate), false);
        // what waits for the next piece is the trailing quiet and the crossfade: nothing else
        assertThat(a.length - now.length()).isEqualTo(samples(300, rate)
                + PieceJoiner.trailingSilence(Arrays.copyOf(a, a.length - samples(300, rate)),
                        PieceJoiner.silenceLevel(a)));
        // a sentence whose next piece never comes ends with what was held back, faded out
        float[] cut = concat(now.samples(), joiner.finish().samples());
        assertThat(cut).hasSize(a.length);
        assertThat(cut[cut.length - 1]).isZero();
        assertThat(joiner.finish().length()).isZero();
    }

    @Test
    void threePiecesMakeOneClipWithFadesAtItsEndsOnly() throws Exception {
        Voice v = piper;
        int rate = v.sampleRate();
        float[][] p = {v.synthesize("First we open the file,").samples(),
            v.synthesize("then we read the header,").samples(), v.synthesize("and then we are done.").samples()};
        float[] joined = join(rate, p);
        int w = samples(PieceJoiner.CROSSFADE_MS, rate);
        assertThat(joined).hasSize(p[0].length + p[1].length + p[2].length - 2 * w);
        assertThat(maxJump(joined)).isLessThanOrEqualTo(Math.max(maxJump(p[0]), Math.max(maxJump(p[1]), maxJump(p[2]))));
        // the middle piece is played as the voice made it, apart from the crossfades at its two ends
        int at = p[0].length - w;
        assertSameSamples(Arrays.copyOfRange(joined, at + w, at + p[1].length - w),
                Arrays.copyOfRange(p[1], w, p[1].length - w));
    }

    private static int argmax(float[] s, int sign) {
        int best = 0;
        for (int i = 1; i < s.length; i++) {
            if (sign * s[i] > sign * s[best]) {
                best = i;
            }
        }
        return best;
    }
}
