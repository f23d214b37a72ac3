package dev.streamtts.pipeline;

import static dev.streamtts.audio.Samples.assertSameSamples;
import static dev.streamtts.audio.Samples.concat;
import static dev.streamtts.audio.Samples.longestQuiet;
import static dev.streamtts.audio.Samples.maxJump;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.streamtts.pipeline.PipelineTest.lines;

import dev.streamtts.audio.AudioSink;
import dev.streamtts.audio.NullSink;
import dev.streamtts.audio.Pcm;
import dev.streamtts.audio.PieceJoiner;
import dev.streamtts.audio.WavFileSink;
import dev.streamtts.input.InputOptions;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.text.ClauseSplitter;
import dev.streamtts.text.TextOptions;
import dev.streamtts.translate.NoTranslation;
import dev.streamtts.tts.Voice;
import dev.streamtts.tts.VoiceCatalog;
import dev.streamtts.tts.VoiceException;
import dev.streamtts.tts.VoiceOptions;
import dev.streamtts.tts.Voices;
import dev.streamtts.tts.piper.PiperVoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sentences synthesized in pieces through the real pipeline, with the tiny test voices. */
@Timeout(60)
class ChunkedSpeechTest {
    private static final InputOptions INPUT = new InputOptions(8L << 20, false);
    static final Path PIPER = Path.of("src/test/resources/models/piper/en_US-tiny_1spk-x_low.onnx");
    static final VoiceOptions QUIET = new VoiceOptions(null, 1.0, 0.0, 0.0); // repeatable audio
    static final String LONG = "When the build has finished on every platform, we can merge the pull request and "
            + "tag the release.";
    static final String THREE = "First we open the file, then we read the header, then we check the version, then "
            + "we parse the body, and finally we write the result back to the disk.";

    @TempDir
    Path dir;

    /**
     * A voice that notes when (on the pipeline's clock) each call began and ended; before a sentence's later
     * pieces (any text not in {@code firstPieces}) it runs {@code later}, which can stand for a slower voice.
     */
    static final class TimedVoice implements Voice {
        record Call(String text, long start, long end) {
        }

        final Voice voice;
        final Clock clock;
        final Runnable later;
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final List<String> firstPieces;

        TimedVoice(Voice voice, Clock clock, List<String> firstPieces, Runnable later) {
            this.voice = voice;
            this.clock = clock;
            this.later = later;
            this.firstPieces = firstPieces;
        }

        @Override
        public String name() {
            return voice.name();
        }

        @Override
        public int sampleRate() {
            return voice.sampleRate();
        }

        @Override
        public Pcm synthesize(String text) throws VoiceException {
            long start = clock.nanoTime();
            Pcm pcm = voice.synthesize(text);
            if (!firstPieces.contains(text)) {
                later.run();
            }
            calls.add(new Call(text, start, clock.nanoTime()));
            return pcm;
        }

        @Override
        public void close() {
            voice.close();
        }
    }

    static float[] read(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] b = in.readAllBytes();
            float[] s = new float[b.length / 2];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8)) / 32767f;
            }
            return s;
        }
    }

    /** What a sentence should sound like: its pieces synthesized on their own and joined. */
    static float[] joined(Voice voice, String sentence) throws Exception {
        List<String> pieces = new ClauseSplitter().pieces(sentence);
        PieceJoiner joiner = new PieceJoiner(voice.sampleRate(), PipelineOptions.defaults().fadeMillis());
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            out.add(joiner.add(voice.synthesize(pieces.get(i)), i == pieces.size() - 1).samples());
        }
        return concat(out);
    }

    static float[] quantized(float[] s) {
        float[] q = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            q[i] = (short) Math.round(Math.max(-1, Math.min(1, s[i])) * 32767) / 32767f;
        }
        return q;
    }

    @Test
    void theFirstPieceIsPlayedWhileTheNextIsStillBeingSynthesized() throws Exception {
        List<String> pieces = new ClauseSplitter().pieces(LONG);
        assertThat(pieces).hasSize(2);
        // The second piece is not done before the first was played, and then takes 400 ms: a pipeline that
        // waited for the whole sentence would leave the voice waiting until its deadline.
        ManualClock clock = new ManualClock();
        TimingSink sink = new TimingSink(clock);
        List<Played> played = new CopyOnWriteArrayList<>();
        Runnable slowSecond = () -> {
            Await.until("the first piece's playing", () -> !sink.writes.isEmpty());
            clock.advanceMillis(400);
        };
        try (TimedVoice voice = new TimedVoice(PiperVoice.open(PIPER, QUIET, OnnxOptions.cpu(1)), clock,
                List.of(pieces.get(0)), slowSecond)) {
            Pipeline p = new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(), new NoTranslation(),
                    new Output.Speech(voice, sink), clock);
            p.onPlayed(played::add);
            p.run(lines(LONG));

            assertThat(voice.calls).extracting(TimedVoice.Call::text).containsExactlyElementsOf(pieces);
            long secondDone = voice.calls.get(1).end();
            // the first piece went to the sink before the sentence's synthesis was over
            assertThat(sink.writes.get(0)).isLessThan(secondDone);
            assertThat(sink.lengths.get(0)).isPositive();
            assertThat(played).hasSize(1);
            Played x = played.get(0);
            assertThat(x.pieces()).isEqualTo(2);
            assertThat(x.synthesizedNanos()).isGreaterThanOrEqualTo(voice.calls.get(0).end()).isLessThan(secondDone);
            assertThat(x.heardNanos()).isLessThan(secondDone);
            assertThat(x.synthesisNanos()).isEqualTo(400_000_000L); // the manual clock moved only there
            assertThat(new long[] {x.lastInputNanos(), x.readyNanos(), x.translateStartNanos(), x.translatedNanos(),
                    x.synthStartNanos(), x.synthesizedNanos(), x.heardNanos()}).isSorted();
            assertThat(p.metrics().spoken()).isEqualTo(1);
            assertThat(p.metrics().synthesize.count()).isEqualTo(1);
            assertThat(p.metrics().firstPiece.count()).isEqualTo(1);
            assertThat(p.metrics().endToEnd.count()).isEqualTo(1);
            assertThat(p.behindNanos()).isZero();
        }
    }

    @Test
    void theWavHoldsEachSentenceAsItsPiecesJoinedWithTheSilenceBetweenSentencesOnly() throws Exception {
        Path wav = dir.resolve("speech.wav");
        try (Voice voice = PiperVoice.open(PIPER, QUIET, OnnxOptions.cpu(1));
             Voice reference = PiperVoice.open(PIPER, QUIET, OnnxOptions.cpu(1))) {
            Pipeline p = new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(), new NoTranslation(),
                    new Output.Speech(voice, new WavFileSink(wav, voice.sampleRate())));
            p.run(lines(LONG + " " + THREE, "Fine, thanks."));

            float[] first = joined(reference, LONG);
            float[] second = joined(reference, THREE);
            float[] third = joined(reference, "Fine, thanks.");
            float[] silence = new float[(int) Math.round(0.2 * voice.sampleRate())];
            float[] expected = quantized(concat(List.of(first, silence, second, silence, third)));
            float[] got = read(wav);
            assertSameSamples(got, expected);
            assertThat(p.metrics().spoken()).isEqualTo(3);
            assertThat(p.metrics().firstPiece.count()).isEqualTo(2); // "Fine, thanks." is not worth cutting
            assertThat(p.metrics().audioSeconds()).isCloseTo(got.length / (double) voice.sampleRate()
                    - 0.4, org.assertj.core.data.Offset.offset(1e-6));

            // the seams inside the second sentence: no jump larger than the pieces have inside, no long gap
            float inside = 0;
            for (String piece : new ClauseSplitter().pieces(THREE)) {
                inside = Math.max(inside, maxJump(quantized(reference.synthesize(piece).samples())));
            }
            assertThat(maxJump(quantized(second))).isLessThanOrEqualTo(inside);
            assertThat(longestQuiet(second, 1e-3f) * 1000.0 / voice.sampleRate())
                    .isLessThanOrEqualTo(200);
        }
    }

    @Test
    void withChunkOffEachSentenceIsSynthesizedWhole() throws Exception {
        ToneVoice voice = new ToneVoice();
        Path wav = dir.resolve("whole.wav");
        Pipeline p = new Pipeline(PipelineOptions.defaults().withChunk(false), INPUT, TextOptions.defaults(),
                new NoTranslation(), new Output.Speech(voice, new WavFileSink(wav, ToneVoice.RATE)));
        p.run(lines(LONG));
        assertThat(voice.spoken).containsExactly(LONG);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            assertThat(in.getFrameLength()).isEqualTo(ToneVoice.samplesFor(LONG));
        }
        assertThat(p.metrics().firstPiece.count()).isZero();

        ToneVoice pieces = new ToneVoice();
        new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(), new NoTranslation(),
                new Output.Speech(pieces, new NullSink())).run(lines(LONG));
        assertThat(pieces.spoken).containsExactlyElementsOf(new ClauseSplitter().pieces(LONG)).hasSize(2);
    }

    @Test
    void aFailingMiddlePieceEndsItsSentenceFadedOutAndTheRestGoesOn() throws Exception {
        String failing = THREE.replace("read the header", "read the UNSPEAKABLE header");
        List<String> pieces = new ClauseSplitter().pieces(failing);
        assertThat(pieces).hasSizeGreaterThanOrEqualTo(3);
        assertThat(pieces.get(1)).contains("UNSPEAKABLE");
        ToneVoice voice = new ToneVoice();
        Path wav = dir.resolve("cut.wav");
        List<Played> played = new CopyOnWriteArrayList<>();
        PipelineOptions options = new PipelineOptions(BacklogPolicy.SPEAK_ALL, Duration.ofSeconds(30), 0.25, 5, 2);
        Pipeline p = new Pipeline(options, INPUT, TextOptions.defaults(), new NoTranslation(),
                new Output.Speech(voice, new WavFileSink(wav, ToneVoice.RATE)));
        p.onPlayed(played::add);
        p.run(lines(failing, "Last one."));

        // the piece after the failed one is not even synthesized; the next sentence is
        assertThat(voice.spoken).containsExactly(pieces.get(0), "Last one.");
        assertThat(p.metrics().failed()).isEqualTo(1);
        assertThat(p.metrics().spoken()).isEqualTo(1);
        assertThat(played).extracting(Played::speech).containsExactly("Last one.");
        assertThat(p.behindNanos()).isZero(); // both sentences left the lag tracker
        long expected = ToneVoice.samplesFor(pieces.get(0)) + (long) (0.25 * ToneVoice.RATE)
                + ToneVoice.samplesFor("Last one.");
        float[] got = read(wav);
        assertThat(got).hasSize((int) expected);
        int end = ToneVoice.samplesFor(pieces.get(0));
        assertThat(got[end - 1]).isZero(); // what was said of the sentence ends faded out
        assertThat(p.metrics().audioSeconds()).isCloseTo((got.length - 0.25 * ToneVoice.RATE) / ToneVoice.RATE,
                org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void catchUpStillKeepsItsPromiseWhenSentencesComeInPieces() throws Exception {
        // Every sentence is ready at once; the speaker plays in real time, about 0.5 s a sentence, so speech
        // falls behind at once. No sentence may start playing more than catch_up_after_s (0.6 s) after it
        // was ready, a sentence that started is played to its end (the second piece of the second sentence
        // comes when it is already too old), and each one is counted exactly once.
        ManualClock clock = new ManualClock();
        CountDownLatch end = new CountDownLatch(1);
        ToneVoice voice = new ToneVoice().hold(text -> true, () -> end.getCount() == 0);
        String[] texts = PipelineTest.numbered(16, ", which has a second clause here.");
        List<String> pieces = new ClauseSplitter().pieces(texts[0]);
        assertThat(pieces).hasSize(2);
        TimingSink speaker = TimingSink.paced(clock);
        List<Played> played = new CopyOnWriteArrayList<>();
        long maxAge = Duration.ofMillis(600).toNanos();
        PipelineOptions options = new PipelineOptions(BacklogPolicy.CATCH_UP, Duration.ofNanos(maxAge), 0, 5, 2);
        Pipeline p = new Pipeline(options, INPUT, TextOptions.defaults(), new NoTranslation(),
                new Output.Speech(voice, speaker), clock);
        p.onPlayed(played::add);
        p.run(PipelineTest.endingWith(lines(texts), end));
        assertThat(played).hasSizeGreaterThan(1);
        for (Played x : played) {
            assertThat(x.heardNanos() - x.readyNanos()).isLessThanOrEqualTo(maxAge);
            assertThat(x.pieces()).isEqualTo(2);
        }
        // what the speaker got: both pieces of each sentence that started, one after the other, even a second
        // piece that came when its sentence was already too old
        assertThat(speaker.lengths).hasSize(2 * played.size());
        int secondPiece = ToneVoice.samplesFor(pieces.get(1)); // the same in every sentence; the first is shorter
        boolean lateSecondPiece = false;
        for (int i = 0; i < speaker.lengths.size(); i += 2) {
            assertThat(speaker.lengths.get(i)).isNotEqualTo(secondPiece);
            assertThat(speaker.lengths.get(i + 1)).isEqualTo(secondPiece);
            lateSecondPiece |= speaker.writes.get(i + 1) - played.get(i / 2).readyNanos() > maxAge;
        }
        assertThat(lateSecondPiece).as("a second piece played although its sentence was too old by then").isTrue();
        assertThat(p.metrics().caughtUp()).isPositive();
        assertThat(p.metrics().spoken() + p.metrics().caughtUp()).isEqualTo(16);
        assertThat(p.metrics().failed()).isZero();
        assertThat(p.behindNanos()).isZero();
        assertThat(voice.spoken.size()).isLessThan(2 * 16); // skipped sentences were not synthesized
    }

    @Test
    void aSentenceGivenUpByThePlayStageIsNotSynthesizedFurther() throws Exception {
        // The first write takes 700 ms, and ends only once the second sentence was begun: its first piece then
        // reaches the play stage too old, and is dropped. Its second piece takes until then, so its third is
        // never made; the last sentence is too old before it is begun.
        List<String> second = new ClauseSplitter().pieces(THREE);
        assertThat(second).hasSize(3);
        ManualClock clock = new ManualClock();
        CountDownLatch end = new CountDownLatch(1);
        ToneVoice voice = new ToneVoice(clock, 100).hold(text -> true, () -> end.getCount() == 0);
        TimingSink slowFirst = new TimingSink(clock) {
            @Override
            public long write(Pcm clip) {
                if (writes.isEmpty()) {
                    Await.until("the second sentence's beginning", () -> voice.spoken.contains(second.get(0)));
                    clock.advanceMillis(700);
                }
                return super.write(clip);
            }
        };
        List<Played> played = new CopyOnWriteArrayList<>();
        PipelineOptions options = new PipelineOptions(BacklogPolicy.CATCH_UP, Duration.ofMillis(300), 0, 5, 1);
        Pipeline p = new Pipeline(options, INPUT, TextOptions.defaults(), new NoTranslation(),
                new Output.Speech(voice, slowFirst), clock);
        voice.hold(second.get(1)::equals, () -> p.metrics().caughtUp() >= 1);
        p.onPlayed(played::add);
        p.run(PipelineTest.endingWith(lines(LONG + " " + THREE + " Last one."), end));
        assertThat(voice.spoken).doesNotContain(second.get(2)).contains(second.get(0)).doesNotContain("Last one.");
        assertThat(played).extracting(Played::speech).containsExactly(LONG);
        assertThat(p.metrics().spoken()).isEqualTo(1);
        assertThat(p.metrics().caughtUp()).isEqualTo(2);
        assertThat(p.behindNanos()).isZero();
    }

    @Test
    void japaneseWithTheTinyKokoroVoiceToo() throws Exception {
        String sentence = "ファイルを更新したので、テストをもう一度実行して、結果を確認します。";
        VoiceCatalog.Entry alpha = VoiceCatalog.scan(Path.of("src/test/resources/models")).find("jf_alpha").orElseThrow();
        Path wav = dir.resolve("ja.wav");
        try (Voice voice = Voices.open(alpha, VoiceOptions.defaults(), OnnxOptions.cpu(1));
             Voice reference = Voices.open(alpha, VoiceOptions.defaults(), OnnxOptions.cpu(1))) {
            TimedVoice timed = new TimedVoice(voice, Clock.SYSTEM, List.of(), () -> { });
            List<Played> played = new CopyOnWriteArrayList<>();
            Pipeline p = new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(), new NoTranslation(),
                    new Output.Speech(timed, new WavFileSink(wav, voice.sampleRate())));
            p.onPlayed(played::add);
            p.run(lines(sentence));
            assertThat(timed.calls).extracting(TimedVoice.Call::text)
                    .containsExactly("ファイルを更新したので、", "テストをもう一度実行して、", "結果を確認します。");
            assertSameSamples(read(wav), quantized(joined(reference, sentence)));
            assertThat(played).singleElement().satisfies(x -> {
                assertThat(x.pieces()).isEqualTo(3);
                assertThat(x.synthesizedNanos()).isLessThan(timed.calls.get(2).end());
            });
        }
    }
}
