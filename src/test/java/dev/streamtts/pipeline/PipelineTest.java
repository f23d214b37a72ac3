package dev.streamtts.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamtts.audio.WavFileSink;
import dev.streamtts.input.InputOptions;
import dev.streamtts.text.TextOptions;
import dev.streamtts.translate.NoTranslation;
import dev.streamtts.translate.TranslationException;
import dev.streamtts.translate.Translator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class PipelineTest {
    private static final InputOptions INPUT = new InputOptions(8L << 20, false);

    @TempDir
    Path dir;

    static String smoke(String text) {
        return "{\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}\n";
    }

    static InputStream lines(String... texts) {
        StringBuilder sb = new StringBuilder();
        for (String t : texts) {
            sb.append(smoke(t));
        }
        return new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code in}, counting {@code end} down once it was read to its end. */
    static InputStream endingWith(InputStream in, CountDownLatch end) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    end.countDown();
                }
                return n;
            }
        };
    }

    static String[] numbered(int n, String suffix) {
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            texts[i] = "Sentence number " + i + suffix;
        }
        return texts;
    }

    private static Pipeline pipeline(PipelineOptions options, Translator translator, Output output, Clock clock) {
        return new Pipeline(options, INPUT, TextOptions.defaults(), translator, output, clock);
    }

    @Test
    void speaksEverySentenceIntoOneWavWithSilencesBetween() throws Exception {
        Path wav = dir.resolve("speech.wav");
        ToneVoice voice = new ToneVoice();
        PipelineOptions options = new PipelineOptions(BacklogPolicy.SPEAK_ALL, Duration.ofSeconds(30), 0.25, 5, 2);
        Pipeline p = new Pipeline(options, INPUT, TextOptions.defaults(), new NoTranslation(),
                new Output.Speech(voice, new WavFileSink(wav, ToneVoice.RATE)));

        p.run(lines("One. Two words.", "Three is here."));

        assertThat(voice.spoken).containsExactly("One.", "Two words.", "Three is here.");
        long expected = ToneVoice.samplesFor("One.") + ToneVoice.samplesFor("Two words.")
                + ToneVoice.samplesFor("Three is here.") + 2L * (long) (0.25 * ToneVoice.RATE);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            assertThat(in.getFrameLength()).isEqualTo(expected);
        }
        assertThat(p.metrics().spoken()).isEqualTo(3);
        assertThat(p.metrics().audioSeconds()).isCloseTo(0.04 + 0.10 + 0.14, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(p.metrics().endToEnd.count()).isEqualTo(3);
    }

    /** Benchmarks read each sentence's way through the stages; the times must be in stage order. */
    @Test
    void everySpokenSentenceIsReportedOnceWithItsTimesInStageOrder() throws Exception {
        ManualClock clock = new ManualClock();
        ToneVoice voice = new ToneVoice(clock, 5);
        Pipeline p = pipeline(PipelineOptions.defaults(), new NoTranslation(),
                new Output.Speech(voice, new dev.streamtts.audio.NullSink()), clock);
        List<Played> played = new java.util.concurrent.CopyOnWriteArrayList<>();
        p.onPlayed(played::add);
        p.run(lines("One. Two words.", "Three is here."));
        assertThat(played).extracting(Played::speech).containsExactly("One.", "Two words.", "Three is here.");
        assertThat(played).extracting(Played::seq).containsExactly(1L, 2L, 3L);
        for (Played x : played) {
            assertThat(new long[] {x.lastInputNanos(), x.readyNanos(), x.translateStartNanos(), x.translatedNanos(),
                    x.synthStartNanos(), x.synthesizedNanos(), x.heardNanos()}).isSorted();
            assertThat(x.synthesizedNanos() - x.synthStartNanos()).isEqualTo(5_000_000L);
            assertThat(x.seconds()).isEqualTo(ToneVoice.samplesFor(x.speech()) / (double) ToneVoice.RATE);
        }
    }

    @Test
    void aSlowVoiceNeverBlocksTheReader() throws Exception {
        // The voice says nothing until the reader has read the whole input: a reader that waited for the
        // voice would leave it waiting until its deadline, and the sentences would fail.
        ManualClock clock = new ManualClock();
        CountDownLatch end = new CountDownLatch(1);
        ToneVoice voice = new ToneVoice(clock, 150).hold(text -> true, () -> end.getCount() == 0);
        Pipeline p = pipeline(PipelineOptions.defaults(), new NoTranslation(),
                new Output.Speech(voice, new dev.streamtts.audio.NullSink()), clock);
        long start = clock.nanoTime();
        p.run(endingWith(lines(numbered(20, ".")), end));
        assertThat(voice.spoken).hasSize(20);
        assertThat(p.metrics().spoken()).isEqualTo(20);
        assertThat(p.metrics().failed()).isZero();
        assertThat(clock.nanoTime() - start).isEqualTo(Duration.ofMillis(20 * 150).toNanos()); // at the voice's pace
    }

    @Test
    void catchUpSkipsSentencesThatWaitedTooLongAndCountsThem() throws Exception {
        // All ten are ready at once (the voice starts once the input was read), each takes 300 ms to say, and
        // at 500 ms a sentence is too old: only the first two begin before that; the rest are skipped unsaid.
        ManualClock clock = new ManualClock();
        CountDownLatch end = new CountDownLatch(1);
        ToneVoice voice = new ToneVoice(clock, 300).hold(text -> true, () -> end.getCount() == 0);
        PipelineOptions options = new PipelineOptions(BacklogPolicy.CATCH_UP, Duration.ofMillis(500), 0, 5, 1);
        Pipeline p = pipeline(options, new NoTranslation(),
                new Output.Speech(voice, new dev.streamtts.audio.NullSink()), clock);
        p.run(endingWith(lines(numbered(10, ".")), end));
        assertThat(voice.spoken).containsExactly("Sentence number 0.", "Sentence number 1.");
        assertThat(p.metrics().caughtUp()).isGreaterThanOrEqualTo(8);
        assertThat(p.metrics().spoken() + p.metrics().caughtUp()).isEqualTo(10);
        assertThat(p.metrics().failed()).isZero();
        assertThat(p.behindNanos()).isZero();
    }

    @Test
    void catchUpKeepsItsPromiseUpToTheSpeaker() throws Exception {
        // All 20 sentences are ready at once; the speaker plays in real time (about 0.18 s a sentence), so
        // speech falls behind at once. Sentences already translated or synthesized (the queues between the
        // stages) must not be played late either: none starts more than 400 ms after it was ready.
        ManualClock clock = new ManualClock();
        CountDownLatch end = new CountDownLatch(1);
        ToneVoice voice = new ToneVoice().hold(text -> true, () -> end.getCount() == 0);
        TimingSink speaker = TimingSink.paced(clock);
        long maxAge = Duration.ofMillis(400).toNanos();
        PipelineOptions options = new PipelineOptions(BacklogPolicy.CATCH_UP, Duration.ofNanos(maxAge), 0, 5, 2);
        Pipeline p = pipeline(options, new NoTranslation(), new Output.Speech(voice, speaker), clock);
        long ready = clock.nanoTime(); // no time passes until the input was read
        p.run(endingWith(lines(numbered(20, ".")), end));
        assertThat(speaker.writes).hasSizeGreaterThan(1);
        for (long t : speaker.writes) {
            assertThat(t - ready).isLessThanOrEqualTo(maxAge);
        }
        assertThat(p.metrics().spoken()).isEqualTo(speaker.writes.size());
        assertThat(p.metrics().spoken() + p.metrics().caughtUp()).isEqualTo(20);
        assertThat(p.metrics().caughtUp()).isPositive();
    }

    @Test
    void speechBehindIsLoggedOnTheTimerWhileNoSentenceArrives() throws Exception {
        ManualClock clock = new ManualClock();
        AtomicBoolean held = new AtomicBoolean();
        AtomicBoolean release = new AtomicBoolean();
        ToneVoice voice = new ToneVoice().hold(text -> true, () -> {
            held.set(true);
            return release.get();
        });
        Pipeline p = pipeline(PipelineOptions.defaults(), new NoTranslation(),
                new Output.Speech(voice, new dev.streamtts.audio.NullSink()), clock);
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            Thread runner = new Thread(() -> {
                try {
                    p.run(lines("Held up by the voice."));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            runner.start();
            Await.until("the voice's holding the sentence", held::get);
            clock.awaitSleeps(1);
            clock.advance(Duration.ofSeconds(9));
            clock.awaitSleeps(2); // checked once, at 9 s behind: under the 10 s that are worth a line
            assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("speech is behind");
            clock.advance(Duration.ofSeconds(2)); // still no sentence arrives: only the timer can say it
            Await.until("the timer's line", () -> log.toString(StandardCharsets.UTF_8)
                    .contains("speech is behind: 1 sentence waiting, the oldest for 11 s"));
            release.set(true);
            runner.join(Await.DEADLINE.toMillis());
            assertThat(runner.isAlive()).isFalse();
        } finally {
            System.setErr(stderr);
        }
        assertThat(voice.spoken).containsExactly("Held up by the voice.");
    }

    @Test
    void aFailingSentenceIsSkippedAndTheRestGoesOn() throws Exception {
        Translator picky = new Translator() {
            @Override
            public List<Optional<String>> translate(List<String> sentences) throws TranslationException {
                List<Optional<String>> out = new ArrayList<>();
                for (String s : sentences) {
                    if (s.contains("untranslatable")) {
                        throw new TranslationException("model failed");
                    }
                    out.add(Optional.of(s.toUpperCase()));
                }
                return out;
            }

            @Override
            public void close() {
            }
        };
        ToneVoice voice = new ToneVoice();
        Pipeline p = new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(), picky,
                new Output.Speech(voice, new dev.streamtts.audio.NullSink()));
        p.run(lines("First one.", "An untranslatable one.", "Then unspeakable here.", "Last one."));
        assertThat(voice.spoken).containsExactly("FIRST ONE.", "LAST ONE.");
        assertThat(p.metrics().failed()).isEqualTo(2);
        assertThat(p.stopped()).isFalse();
    }

    /** Each model runs once before the first sentence, on its stage's thread; a failing warm-up is harmless. */
    @Test
    void eachModelIsWarmedUpOnItsStageBeforeTheFirstSentenceAndAFailingWarmUpIsHarmless() throws Exception {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        Translator translator = new Translator() {
            @Override
            public List<Optional<String>> translate(List<String> sentences) {
                events.add("translate " + Thread.currentThread().getName());
                return sentences.stream().map(Optional::of).toList();
            }

            @Override
            public void warmUp() throws TranslationException {
                events.add("warm translator " + Thread.currentThread().getName());
                throw new TranslationException("not today");
            }

            @Override
            public void close() {
            }
        };
        ToneVoice voice = new ToneVoice() {
            @Override
            public void warmUp() {
                events.add("warm voice " + Thread.currentThread().getName());
            }
        };
        Pipeline p = new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(), translator,
                new Output.Speech(voice, new dev.streamtts.audio.NullSink()));
        p.run(lines("First one.", "Second one."));
        assertThat(events).containsSubsequence("warm translator stream-tts-translate", "translate stream-tts-translate");
        assertThat(events).contains("warm voice stream-tts-synthesize");
        assertThat(events.stream().filter(e -> e.startsWith("warm"))).hasSize(2);
        assertThat(voice.spoken).containsExactly("First one.", "Second one.");
        assertThat(p.metrics().spoken()).isEqualTo(2);
        assertThat(p.metrics().failed()).isZero();
        assertThat(p.metrics().translate.count()).isEqualTo(2); // the warm-up is not counted
    }

    @Test
    void dryRunPrintsOneJsonLinePerSentenceInOrder() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Translator shout = new Translator() {
            @Override
            public List<Optional<String>> translate(List<String> s) {
                return s.stream().map(x -> x.startsWith("Skip") ? Optional.<String>empty() : Optional.of(x + "!")).toList();
            }

            @Override
            public void close() {
            }
        };
        Pipeline p = new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(), shout,
                new Output.DryRun(out));
        p.run(lines("Hello \\\"quoted\\\" world. Skip me.", "Third."));
        String[] printed = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(printed).hasSize(3);
        ObjectMapper m = new ObjectMapper();
        JsonNode first = m.readTree(printed[0]);
        assertThat(first.get("seq").asLong()).isEqualTo(1);
        assertThat(first.get("text").asText()).isEqualTo("Hello \"quoted\" world.");
        assertThat(first.get("translation").asText()).isEqualTo("Hello \"quoted\" world.!");
        assertThat(m.readTree(printed[1]).get("translation").isNull()).isTrue();
        assertThat(m.readTree(printed[2]).get("seq").asLong()).isEqualTo(3);
    }

    @Test
    void theTranslatorGetsInlineCodeAsItIsSaid() throws Exception {
        List<String> given = new ArrayList<>();
        Translator recording = new Translator() {
            @Override
            public List<Optional<String>> translate(List<String> s) {
                given.addAll(s);
                return s.stream().map(Optional::of).toList();
            }

            @Override
            public void close() {
            }
        };
        Pipeline p = new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(), recording,
                new Output.DryRun(new ByteArrayOutputStream()));
        p.run(lines("Version `0.3.x` needs `@langchain/core <0.4.0` and a `/(a|b)+/` check in the .env file."));
        assertThat(given).containsExactly(
                "Version 0.3.x needs langchain core below 0.4.0 and a pattern check in the dot env file.");
    }

    @Test
    void stopEndsARunningPipelineQuicklyAndLeavesAValidWav() throws Exception {
        Path wav = dir.resolve("stopped.wav");
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(writer, 1 << 16); // never closed: like a live Claude
        ToneVoice voice = new ToneVoice();
        Pipeline p = new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(), new NoTranslation(),
                new Output.Speech(voice, new WavFileSink(wav, ToneVoice.RATE)));
        Thread runner = new Thread(() -> {
            try {
                p.run(stdin);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        runner.start();
        writer.write(smoke("Spoken before the stop.").getBytes(StandardCharsets.UTF_8));
        writer.flush();
        Await.until("the first sentence's playing", () -> p.metrics().spoken() == 1);
        // Real time: how fast the stages answer an interrupt is no decision of the pipeline's clock.
        long t0 = System.nanoTime();
        p.stop();
        runner.join(2_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat((System.nanoTime() - t0) / 1e6).isLessThan(300);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            assertThat(in.getFrameLength()).isEqualTo(ToneVoice.samplesFor("Spoken before the stop."));
        }
    }

    @Test
    void runReturnsOnlyAfterAStageBusyInAModelHasFinished() throws Exception {
        // A model run cannot be interrupted: the caller closes the models when run() returns, so run()
        // must not return while a stage is still inside one (that was a SIGSEGV at Ctrl-C).
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        long[] modelDoneAt = {0};
        Translator busy = new Translator() {
            @Override
            public List<Optional<String>> translate(List<String> sentences) {
                inside.countDown();
                long end = System.nanoTime() + 400_000_000L;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait(); // like native code: deaf to interrupts
                }
                modelDoneAt[0] = System.nanoTime();
                return sentences.stream().map(Optional::of).toList();
            }

            @Override
            public void close() {
            }
        };
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(writer, 1 << 16);
        Pipeline p = new Pipeline(PipelineOptions.defaults(), INPUT, TextOptions.defaults(), busy,
                new Output.Speech(new ToneVoice(), new dev.streamtts.audio.NullSink()));
        long[] returnedAt = {0};
        Thread runner = new Thread(() -> {
            try {
                p.run(stdin);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            returnedAt[0] = System.nanoTime();
        });
        runner.start();
        writer.write(smoke("Translated slowly.").getBytes(StandardCharsets.UTF_8));
        writer.flush();
        assertThat(inside.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        p.stop();
        runner.join(5_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(modelDoneAt[0]).isPositive();
        assertThat(returnedAt[0]).isGreaterThanOrEqualTo(modelDoneAt[0]);
    }
}
