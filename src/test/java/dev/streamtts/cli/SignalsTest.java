package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamtts.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM at random moments (loading, translating, speaking) into the real program, busy on
 * the tiny models: it must never crash (no SIGSEGV inside ONNX Runtime, no hs_err file, no crash banner on
 * stdout), exit with 128 + the signal, and leave its output whole: --dry-run lines complete JSON,
 * --passthrough an exact prefix of the input, the WAV file valid, --stats complete.
 *
 * <p>The suite sends the first {@value #SUITE_RUNS} signals of the plan: each mode with each signal,
 * Japanese and German, one just as the voice model starts loading. {@code scripts/signals} sends all 50
 * (the crash it guards against came in 2 of 26 runs, so only the long run is a proof of its absence).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SignalsTest {
    static final int SUITE_RUNS = 6;
    /** {@code -Dstreamtts.signals.runs=50}: how many signals to send. */
    static final int RUNS = Integer.getInteger("streamtts.signals.runs", SUITE_RUNS);
    static final Path FIXTURES = Path.of("src/test/resources/models");
    static final String VOICE = "en_US-tiny_1spk-x_low";

    @TempDir
    Path dir;
    byte[] input;

    @BeforeEach
    void install() throws IOException {
        TestFiles.copy(FIXTURES.resolve("nllb-tiny"), dir.resolve("models/nllb-tiny"));
        SpeechEndToEndTest.installPiperVoice(dir);
        TestFiles.copy(FIXTURES.resolve("kokoro"), dir.resolve("models/kokoro-tiny"));
        // The default path (English → Japanese, Kokoro), and English → German spoken by a Piper voice.
        Files.writeString(dir.resolve("ja.yaml"), "translate:\n  model: nllb-tiny\n  precision: fp32\n"
                + "  max_length: 200\n  max_ratio: 0\n  cache: 0\nmodels:\n  auto_download: false\n");
        Files.writeString(dir.resolve("de.yaml"), "translate:\n  model: nllb-tiny\n  precision: int8\n"
                + "  max_length: 200\n  max_ratio: 0\n  target_lang: deu_Latn\n  cache: 0\nvoice:\n  name: " + VOICE + "\n"
                + "models:\n  auto_download: false\n");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            sb.append("{\"type\":\"assistant\",\"message\":{\"id\":\"m").append(i).append("\",\"role\":\"assistant\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"Sentence number ").append(i)
                    .append(" is here. The build of part ").append(i).append(" passed.\"}]}}\n");
        }
        input = sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(240)
    void signalsInEveryModeAtRandomMomentsNeverCrashAndLeaveTheOutputWhole() throws Exception {
        Random random = new Random(20261201);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            String mode = switch (i % 3) {
                case 0 -> "dry-run";
                case 1 -> "wav";
                default -> "passthrough";
            };
            String signal = i % 2 == 0 ? "INT" : "TERM";
            String config = i % 4 < 2 ? "ja.yaml" : "de.yaml";
            // every fifth run: while the voice model loads (negative: that many ms after the translator
            // loaded, minus one); the others at a random moment of loading, translating or speaking
            long delay = i % 5 == 4 ? -1 - random.nextInt(60) : 150 + random.nextInt(2000);
            int n = i;
            runs.add(pool.submit(() -> runOnce(n, config, mode, signal, delay)));
        }
        pool.shutdown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : runs) {
            outcomes.add(f.get());
        }
        assertThat(outcomes).hasSize(RUNS).allMatch(o -> o.startsWith("ok"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(f -> f.startsWith("hs_err"));
        }
    }

    private String runOnce(int n, String config, String mode, String signal, long delayMillis) throws Exception {
        Path wav = dir.resolve("run" + n + ".wav");
        List<String> args = new ArrayList<>(List.of("--config", dir.resolve(config).toString(), "--models-dir",
                dir.resolve("models").toString(), "--stats"));
        switch (mode) {
            case "dry-run" -> args.add("--dry-run");
            case "wav" -> args.addAll(List.of("--wav", wav.toString(), "--device", "none"));
            default -> args.addAll(List.of("--passthrough", "--wav", wav.toString(), "--device", "none"));
        }
        Process p = Processes.startMain(dir, args);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread outReader = Processes.drain(p.getInputStream(), stdout);
        Thread errReader = Processes.drain(p.getErrorStream(), stderr);
        OutputStream stdin = p.getOutputStream(); // stays open, like a live claude
        try {
            stdin.write(input);
            stdin.flush();
        } catch (IOException e) {
            // it may already be gone
        }
        if (delayMillis < 0) {
            // Right when the translator is loaded and the voice starts loading: inside session creation.
            long deadline = System.currentTimeMillis() + 30_000;
            while (!stderr.toString(StandardCharsets.UTF_8).contains("translating eng_Latn")) {
                assertThat(System.currentTimeMillis()).as("the translator did not load in 30 s").isLessThan(deadline);
                Thread.sleep(2);
            }
            Thread.sleep(-delayMillis - 1);
        } else {
            Thread.sleep(delayMillis);
        }
        Processes.signal(p, signal);
        boolean ended = p.waitFor(20, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        outReader.join(5_000);
        errReader.join(5_000);
        String what = "run " + n + " (" + config + ", " + mode + ", SIG" + signal + " after " + delayMillis + " ms)";
        String err = stderr.toString(StandardCharsets.UTF_8);
        String out = stdout.toString(StandardCharsets.UTF_8);
        assertThat(ended).as(what + " did not exit").isTrue();
        Processes.awaitDrained(outReader, errReader);
        assertThat(p.exitValue()).as(what + ": " + err).isEqualTo(signal.equals("INT") ? 130 : 143);
        assertThat(err + out).as(what).doesNotContain("A fatal error").doesNotContain("SIGSEGV")
                .doesNotContain("hs_err");
        switch (mode) {
            case "dry-run" -> {
                ObjectMapper json = new ObjectMapper();
                for (String line : out.split("\n", -1)) {
                    if (!line.isEmpty()) {
                        assertThat(json.readTree(line).get("seq").asLong()).as(what).isPositive();
                    }
                }
                assertThat(out.isEmpty() || out.endsWith("\n")).as(what + ": last line cut").isTrue();
            }
            case "passthrough" -> {
                byte[] copied = stdout.toByteArray();
                assertThat(copied.length).as(what).isLessThanOrEqualTo(input.length);
                for (int i = 0; i < copied.length; i++) {
                    if (copied[i] != input[i]) {
                        throw new AssertionError(what + ": passthrough differs at byte " + i);
                    }
                }
            }
            default -> assertThat(out).as(what).isEmpty();
        }
        if (!mode.equals("dry-run") && Files.exists(wav)) {
            assertValidWav(wav, what);
        }
        if (err.contains("stream-tts stats")) {
            // whole: it ends with a complete latency row (or says there is none), then nothing but log lines
            String stats = err.substring(err.indexOf("stream-tts stats"));
            List<String> lines = stats.lines().filter(l -> l.startsWith("  ")).toList();
            String last = lines.get(lines.size() - 1);
            assertThat(last.matches("    .+ +[0-9.]+ +[0-9.]+ +[0-9]+") || last.contains("no sentence got that far"))
                    .as(what + ": stats cut off: " + stats).isTrue();
            assertThat(stats).as(what).contains("  sentences  ");
        }
        return "ok " + what;
    }

    /** The header's sizes agree with the file: what a player needs to read it to the end. */
    static void assertValidWav(Path wav, String what) throws IOException {
        byte[] bytes = Files.readAllBytes(wav);
        assertThat(bytes.length).as(what).isGreaterThanOrEqualTo(44);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).as(what + ": RIFF size").isEqualTo(bytes.length - 8);
        assertThat(b.getInt(40)).as(what + ": data size").isEqualTo(bytes.length - 44);
    }

    static void consume(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }
}
