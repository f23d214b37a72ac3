import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamtts.audio.AudioSink;
import dev.streamtts.audio.Pcm;
import dev.streamtts.input.InputOptions;
import dev.streamtts.models.ModelException;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.onnx.ParallelLoad;
import dev.streamtts.onnx.ThreadSplit;
import dev.streamtts.pipeline.Output;
import dev.streamtts.pipeline.Pipeline;
import dev.streamtts.pipeline.PipelineOptions;
import dev.streamtts.pipeline.Played;
import dev.streamtts.text.TextOptions;
import dev.streamtts.translate.GenerationOptions;
import dev.streamtts.translate.NllbFiles;
import dev.streamtts.translate.NllbLanguages;
import dev.streamtts.translate.NllbTranslator;
import dev.streamtts.translate.NoTranslation;
import dev.streamtts.translate.ShortlistMode;
import dev.streamtts.translate.Translator;
import dev.streamtts.tts.Voice;
import dev.streamtts.tts.VoiceCatalog;
import dev.streamtts.tts.VoiceOptions;
import dev.streamtts.tts.Voices;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * End-to-end time to first audio: the real pipeline (reader → sentences → translate → synthesize → play)
 * fed a fixed assistant answer (scripts/bench/e2e_answer.md) at a steady pace, with a sink that takes
 * audio as a sound device does (in real time, 200 ms ahead) and notes when it ran dry.
 *
 *   java -cp stream-tts.jar:bench.jar E2eBench --models DIR --voice NAME [--translator DIR | --no-translate]
 *        [--precision int8|fp32] [--target jpn_Jpan] [--threads N] [--mode deltas|blocks] [--tps 60]
 *        [--translate-threads N] [--voice-threads N] [--play-rate 1]
 *        [--max-length 128] [--answers 2] [--no-chunk] [--shortlist auto|on|off]
 *        [--label TEXT] [--answer FILE] [--out FILE.json]
 *
 * --threads is each model's ONNX Runtime thread count (0: as stream-tts splits the CPUs, onnx/ThreadSplit),
 * unless --translate-threads or --voice-threads say otherwise; --play-rate above 1 takes audio faster than real time (shorter runs; a
 * stricter test of running dry). -Dstreamtts.onnx.spin=false: idle ONNX Runtime threads sleep.
 *
 * deltas: --include-partial-messages events, one token (~4 characters) every 1/tps s; blocks: the whole
 * answer as one complete assistant message. The answer is given --answers times, each once the one before
 * was heard: the first shows a cold process (as run_worker.sh starts one per run), the later ones a warm one. Per sentence: last character on stdin → closed → translated
 * → first sample ready (its first piece synthesized; with --no-chunk, the whole sentence) → first sample
 * heard. TTFA is "last character on stdin → first sample ready"; it
 * includes waiting behind the speech of earlier sentences (an answer arrives faster than it is spoken),
 * so "unqueued" adds up only closing, translating and synthesizing: TTFA with nothing ahead.
 */
public final class E2eBench {
    private static final long MS = 1_000_000L;

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(args);
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        int threads = Integer.parseInt(a.getOrDefault("threads", "0"));
        // as stream-tts splits them (onnx.threads), unless given per model
        ThreadSplit split = ThreadSplit.of(threads, !a.containsKey("no-translate"), Runtime.getRuntime().availableProcessors());
        int translateThreads = Integer.parseInt(a.getOrDefault("translate-threads", String.valueOf(split.translator())));
        int voiceThreads = Integer.parseInt(a.getOrDefault("voice-threads", String.valueOf(split.voice())));
        double playRate = Double.parseDouble(a.getOrDefault("play-rate", "1"));
        Path models = Path.of(a.get("models"));
        String mode = a.getOrDefault("mode", "deltas");
        double tps = Double.parseDouble(a.getOrDefault("tps", "60"));
        String answer = Files.readString(Path.of(a.getOrDefault("answer", "scripts/bench/e2e_answer.md")));
        Rss rss = new Rss();
        rss.start();
        double rssStart = rss.now();

        long loadStart = System.nanoTime();
        VoiceCatalog.Entry entry = VoiceCatalog.scan(models).find(a.get("voice"))
                .orElseThrow(() -> new IllegalArgumentException("no voice " + a.get("voice") + " in " + models));
        // both at once, as stream-tts loads them
        ParallelLoad.Pair<Translator, Voice> loaded = ParallelLoad.<Translator, Voice, ModelException, ModelException>both(
                () -> a.containsKey("no-translate") ? new NoTranslation()
                        : NllbTranslator.open(new NllbTranslator.Settings(Path.of(a.get("translator")),
                                NllbFiles.Precision.valueOf(a.getOrDefault("precision", "int8").toUpperCase()),
                                NllbLanguages.parse("eng_Latn"), NllbLanguages.parse(a.getOrDefault("target", "jpn_Jpan")),
                                new GenerationOptions(1, Integer.parseInt(a.getOrDefault("max-length", "128")), 1.0, 3.0),
                                0, OnnxOptions.cpu(translateThreads))
                                .withShortlist(ShortlistMode.valueOf(a.getOrDefault("shortlist", "auto").toUpperCase()))),
                () -> Voices.open(entry, VoiceOptions.defaults(), OnnxOptions.cpu(voiceThreads)));
        Translator translator = loaded.first();
        Voice voice = loaded.second();
        long ready = System.nanoTime();
        double loadMs = (ready - loadStart) / 1e6;
        double startupMs = System.currentTimeMillis() - jvmStart;

        RealtimeSink sink = new RealtimeSink(200, playRate);
        PipelineOptions po = PipelineOptions.defaults().withChunk(!a.containsKey("no-chunk"));
        Pipeline pipeline = new Pipeline(po, new InputOptions(64L << 20, false), TextOptions.defaults(), translator,
                new Output.Speech(voice, sink));
        List<Played> played = new CopyOnWriteArrayList<>();
        pipeline.onPlayed(played::add);

        PipedInputStream stdin = new PipedInputStream(1 << 20);
        PipedOutputStream feed = new PipedOutputStream(stdin);
        int answers = Integer.parseInt(a.getOrDefault("answers", "2"));
        long[] feedTimes = new long[2];
        int[] firstOfAnswer = new int[answers];
        Thread feeder = new Thread(() -> {
            try (OutputStream out = feed) {
                feedTimes[0] = System.nanoTime();
                for (int n = 0; n < answers; n++) {
                    if (n > 0) { // the next answer comes once the last one was heard, as after a tool call
                        sink.awaitSilence(played);
                        sink.idle(); // silence between answers is not playback running dry
                    }
                    firstOfAnswer[n] = played.size();
                    feed(out, answer, mode, tps, "msg_e2e_bench_" + n);
                }
                feedTimes[1] = System.nanoTime();
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        }, "feeder");
        feeder.start();
        pipeline.run(stdin);
        feeder.join();
        sink.close();
        rss.stopSampling();
        voice.close();
        translator.close();

        ObjectMapper json = new ObjectMapper();
        ObjectNode report = json.createObjectNode();
        report.put("label", a.getOrDefault("label", ""));
        report.put("mode", mode);
        report.put("tokens_per_s", tps);
        report.put("threads", threads);
        report.put("translate_threads", translateThreads);
        report.put("voice_threads", voiceThreads);
        report.put("play_rate", playRate);
        report.put("onnx_spin", System.getProperty("streamtts.onnx.spin", "true"));
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("startup_to_ready_ms", Math.round(startupMs));
        report.put("model_load_ms", Math.round(loadMs));
        report.put("input_s", (feedTimes[1] - feedTimes[0]) / 1e9);
        ArrayNode rows = report.putArray("sentences");
        double[] ttfa = new double[played.size()];
        double[] heard = new double[played.size()];
        double[] work = new double[played.size()];
        double synth = 0;
        double audio = 0;
        for (int i = 0; i < played.size(); i++) {
            Played p = played.get(i);
            ObjectNode r = rows.addObject();
            r.put("seq", p.seq());
            r.put("chars", p.speech().length());
            r.put("closed_ms", ms(p.readyNanos() - p.lastInputNanos()));
            r.put("wait_translate_ms", ms(p.translateStartNanos() - p.readyNanos()));
            r.put("translate_ms", ms(p.translatedNanos() - p.translateStartNanos()));
            r.put("wait_voice_ms", ms(p.synthStartNanos() - p.translatedNanos()));
            r.put("synthesize_ms", ms(p.synthesizedNanos() - p.synthStartNanos())); // the first piece
            r.put("synthesize_all_ms", ms(p.synthesisNanos()));
            r.put("pieces", p.pieces());
            r.put("ttfa_ms", ms(p.synthesizedNanos() - p.lastInputNanos()));
            r.put("heard_ms", ms(p.heardNanos() - p.lastInputNanos()));
            r.put("audio_s", p.seconds());
            ttfa[i] = ms(p.synthesizedNanos() - p.lastInputNanos());
            heard[i] = ms(p.heardNanos() - p.lastInputNanos());
            // what TTFA would be with nothing ahead of the sentence: closing, translating, synthesizing
            work[i] = ms(p.readyNanos() - p.lastInputNanos() + p.translatedNanos() - p.translateStartNanos()
                    + p.synthesizedNanos() - p.synthStartNanos());
            r.put("unqueued_ms", work[i]);
            synth += p.synthesisNanos() / 1e9;
            audio += p.seconds();
        }
        ObjectNode s = report.putObject("summary");
        s.put("sentences", played.size());
        s.put("ttfa_p50_ms", percentile(ttfa, 50));
        s.put("ttfa_p95_ms", percentile(ttfa, 95));
        s.put("ttfa_max_ms", percentile(ttfa, 100));
        s.put("ttfa_first_ms", ttfa.length > 0 ? ttfa[0] : Double.NaN);
        ArrayNode firsts = s.putArray("ttfa_first_of_each_answer_ms"); // the first cold, the others warm
        for (int n : firstOfAnswer) {
            firsts.add(n < ttfa.length ? ttfa[n] : Double.NaN);
        }
        s.put("unqueued_p50_ms", percentile(work, 50));
        s.put("unqueued_p95_ms", percentile(work, 95));
        s.put("heard_p50_ms", percentile(heard, 50));
        s.put("heard_p95_ms", percentile(heard, 95));
        s.put("heard_first_ms", heard.length > 0 ? heard[0] : Double.NaN);
        s.put("voice_rtf", audio > 0 ? synth / audio : Double.NaN);
        s.put("audio_s", audio);
        s.put("starved", sink.starved);
        s.put("starved_ms", sink.starvedNanos / 1e6);
        s.put("rss_start_mb", rssStart);
        s.put("rss_peak_mb", rss.peak);
        s.put("rss_end_mb", rss.last);
        String text = json.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        if (a.containsKey("out")) {
            Files.writeString(Path.of(a.get("out")), text);
        }
        System.out.println(json.writeValueAsString(s.put("label", a.getOrDefault("label", "")).put("mode", mode)));
        System.exit(0); // the pipeline's lag monitor and ONNX Runtime's pools are not ours to wait for
    }

    /** Writes the answer as Claude Code's stream-json: deltas at the pace of {@code tps} tokens, or one block. */
    static void feed(OutputStream out, String answer, String mode, double tps, String id)
            throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        if (mode.equals("deltas")) {
            line(out, json, Map.of("type", "stream_event", "event", Map.of("type", "message_start",
                    "message", Map.of("id", id, "type", "message", "role", "assistant", "content", List.of()))));
            line(out, json, Map.of("type", "stream_event", "event", Map.of("type", "content_block_start", "index", 0,
                    "content_block", Map.of("type", "text", "text", ""))));
            long start = System.nanoTime();
            int tokens = 0;
            for (int pos = 0; pos < answer.length(); ) {
                int end = Math.min(answer.length(), pos + 4); // a token is about four characters of English
                line(out, json, Map.of("type", "stream_event", "event", Map.of("type", "content_block_delta",
                        "index", 0, "delta", Map.of("type", "text_delta", "text", answer.substring(pos, end)))));
                pos = end;
                tokens++;
                long due = start + (long) (tokens * 1e9 / tps);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / MS, (int) (wait % MS));
                }
            }
            line(out, json, Map.of("type", "stream_event", "event", Map.of("type", "content_block_stop", "index", 0)));
        }
        Map<String, Object> message = new HashMap<>(Map.of("id", id, "type", "message", "role", "assistant",
                "content", List.of(Map.of("type", "text", "text", answer))));
        line(out, json, Map.of("type", "assistant", "message", message));
        if (mode.equals("deltas")) {
            line(out, json, Map.of("type", "stream_event", "event", Map.of("type", "message_stop")));
        }
    }

    private static void line(OutputStream out, ObjectMapper json, Object event) throws IOException {
        out.write((json.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Takes audio like a sound device: in real time, {@code bufferMs} ahead; notes when it ran dry. */
    static final class RealtimeSink implements AudioSink {
        private final long buffer;
        private final double rate;
        private volatile long playEnd; // written by the play thread, read by the feeder
        int starved;
        long starvedNanos;

        /** @param rate how many times faster than real time audio is taken (above 1: a stricter test of running dry) */
        RealtimeSink(int bufferMs, double rate) {
            this.buffer = bufferMs * MS;
            this.rate = rate;
        }

        @Override
        public long write(Pcm clip) { // on the play thread only
            long now = System.nanoTime();
            if (playEnd != 0 && now > playEnd + MS) {
                starved++;
                starvedNanos += now - playEnd;
            }
            long start = Math.max(now, playEnd);
            playEnd = start + (long) (clip.seconds() * 1e9 / rate);
            long heardIn = start - now;
            long wait = playEnd - buffer - System.nanoTime();
            if (wait > 0) { // a device takes audio only so far ahead
                try {
                    Thread.sleep(wait / MS, (int) (wait % MS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return heardIn;
        }

        /** Waits until everything written so far was heard and no sentence came for a second. */
        void awaitSilence(List<Played> played) throws InterruptedException {
            int seen = -1;
            while (true) {
                Thread.sleep(1000);
                if (played.size() == seen && System.nanoTime() > playEnd) {
                    return;
                }
                seen = played.size();
            }
        }

        void idle() {
            playEnd = 0;
        }

        @Override
        public void finish() {
        }

        @Override
        public void close() {
        }

        @Override
        public String name() {
            return "the benchmark's timing sink";
        }
    }

    /** Resident memory, sampled every 100 ms. */
    static final class Rss extends Thread {
        volatile double peak;
        volatile double last;
        private volatile boolean done;

        Rss() {
            super("rss");
            setDaemon(true);
        }

        double now() {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (l.startsWith("VmRSS:")) {
                        return Long.parseLong(l.replaceAll("\\D", "")) / 1024.0;
                    }
                }
            } catch (IOException e) {
                // not Linux
            }
            return Double.NaN;
        }

        @Override
        public void run() {
            while (!done) {
                last = now();
                peak = Math.max(peak, last);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() {
            done = true;
        }
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e5) / 10.0;
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - (p == 0 ? 0 : 1))];
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        List<String> list = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < list.size(); i++) {
            String k = list.get(i);
            if (!k.startsWith("--")) {
                throw new IllegalArgumentException("unexpected " + k);
            }
            if (k.equals("--no-translate") || k.equals("--no-chunk")) {
                out.put(k.substring(2), "true");
            } else {
                out.put(k.substring(2), list.get(++i));
            }
        }
        return out;
    }
}
