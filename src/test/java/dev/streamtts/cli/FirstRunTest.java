package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh machine: the models folder is empty, a loopback HTTP server holds the tiny fixture models, and
 * the real command downloads them before translating.
 */
class FirstRunTest {
    static final Path NLLB = Path.of("src/test/resources/models/nllb-tiny");
    static final List<String> FILES = List.of("config.json", "tokenizer.json", "encoder_model.onnx", "decoder_model_merged.onnx");

    @TempDir
    Path dir;
    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void serveAndDescribe() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            Path f = NLLB.resolve(ex.getRequestURI().getPath().substring(1));
            if (!Files.isRegularFile(f)) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            byte[] body = Files.readAllBytes(f);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        StringBuilder manifest = new StringBuilder("models:\n  - name: nllb-tiny\n    description: tiny test model\n"
                + "    licence: test\n    dir: nllb-tiny\n    provides: [\"translator:nllb-tiny:fp32\"]\n    files:\n");
        for (String f : FILES) {
            byte[] body = Files.readAllBytes(NLLB.resolve(f));
            manifest.append("      - path: ").append(f).append("\n        url: http://127.0.0.1:")
                    .append(server.getAddress().getPort()).append('/').append(f).append("\n        size: ")
                    .append(body.length).append("\n        sha256: ")
                    .append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body))).append('\n');
        }
        Files.writeString(dir.resolve("manifest.yaml"), manifest);
        Files.writeString(dir.resolve("config.yaml"), "translate:\n  model: nllb-tiny\n  precision: fp32\n  max_length: 24\n"
                + "models:\n  dir: models\n  manifest: manifest.yaml\n");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void missingModelsAreDownloadedBeforeAnyInputIsTranslated() throws IOException {
        Cli c = Cli.run(dir, "{\"content\":[{\"type\":\"text\",\"text\":\"I fixed the parser first.\"}]}\n",
                "--models-dir", "models", "--dry-run");
        assertThat(c.exitCode).as(c.err()).isEqualTo(0);
        assertThat(c.err()).contains("stream-tts: downloading nllb-tiny (1 MB) into ")
                .contains("(once: later runs use it)").doesNotContain("first run").doesNotContain("(?)")
                .contains("(run 'stream-tts doctor' for a full check)");
        assertThat(c.out()).contains("\"text\":\"I fixed the parser first.\"").contains("\"translation\":\"");
        for (String f : FILES) {
            assertThat(dir.resolve("models/nllb-tiny/" + f)).exists();
        }
        int served = requests.get();
        Cli second = Cli.run(dir, "", "--models-dir", "models", "--dry-run");
        assertThat(second.exitCode).isEqualTo(0);
        assertThat(requests.get()).isEqualTo(served); // second run: nothing downloaded again
        assertThat(second.err()).doesNotContain("downloading");

        Cli verify = Cli.run(dir, "", "models", "verify", "--models-dir", "models");
        assertThat(verify.exitCode).isEqualTo(0);
        assertThat(verify.out()).contains("encoder_model.onnx").contains("ok (SHA-256)");
        Files.write(dir.resolve("models/nllb-tiny/config.json"), new byte[] {'{', '}'});
        Cli broken = Cli.run(dir, "", "models", "verify", "nllb-tiny", "--models-dir", "models");
        assertThat(broken.exitCode).isEqualTo(1);
        assertThat(broken.out()).contains("config.json").contains("CORRUPT");
    }

    /**
     * Claude never waits for the download: its output (here 2 MB, far more than a pipe holds) is read
     * while the models are fetched. The server answers only once all of it was written, so a program that
     * read stdin only after the download would never get its model (the writer would wait on a full pipe).
     */
    @Test
    void claudesOutputIsReadWhileTheModelsDownload() throws Exception {
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        server.removeContext("/");
        server.createContext("/", ex -> {
            try {
                if (!written.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    ex.sendResponseHeaders(503, -1); // the writer was still blocked: stdin was not being read
                    ex.close();
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = Files.readAllBytes(NLLB.resolve(ex.getRequestURI().getPath().substring(1)));
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(64 * 1024);
        java.io.PipedOutputStream claude = new java.io.PipedOutputStream(stdin);
        String big = "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                + "\"content\":\"" + "x".repeat(2 << 20) + "\"}]}}\n";
        Thread writer = new Thread(() -> {
            try (OutputStream out = claude) {
                out.write(big.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                written.countDown();
                out.write("{\"content\":[{\"type\":\"text\",\"text\":\"I fixed the parser first.\"}]}\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Cli c = Cli.run(dir, stdin, "--models-dir", "models", "--dry-run");
        writer.join(20_000);
        assertThat(written.getCount()).as("all of Claude's output was taken during the download").isZero();
        assertThat(c.exitCode).as(c.err()).isEqualTo(0);
        assertThat(c.out()).as(c.err()).contains("\"text\":\"I fixed the parser first.\"");
    }

    /**
     * voice: auto with the language's default not installed but another voice for the language there:
     * that one speaks and nothing is downloaded (the download, the run and doctor follow one rule).
     */
    @Test
    void anInstalledVoiceForTheLanguageIsUsedBeforeTheDefaultIsDownloaded() throws IOException {
        Path piper = dir.resolve("models/piper");
        Files.createDirectories(piper);
        for (String f : List.of("en_US-tiny_1spk-x_low.onnx", "en_US-tiny_1spk-x_low.onnx.json")) {
            Files.copy(Path.of("src/test/resources/models/piper").resolve(f), piper.resolve(f));
        }
        Files.writeString(dir.resolve("manifest.yaml"), Files.readString(dir.resolve("manifest.yaml"))
                + "  - name: tiny-default\n    description: d\n    licence: l\n    dir: tiny-default\n"
                + "    provides: [\"voice:tiny-default\"]\n    files:\n      - path: tiny-default.onnx\n"
                + "        url: http://127.0.0.1:" + server.getAddress().getPort() + "/config.json\n        size: 873\n");
        Files.writeString(dir.resolve("config.yaml"), "translate:\n  enabled: false\n"
                + "voice:\n  defaults:\n    eng_Latn: tiny-default\n"
                + "models:\n  dir: models\n  manifest: manifest.yaml\n");
        Cli c = Cli.run(dir, "{\"content\":[{\"type\":\"text\",\"text\":\"I fixed the parser first.\"}]}\n",
                "--models-dir", "models", "--device", "none", "--wav", "out.wav");
        assertThat(c.exitCode).as(c.err()).isEqualTo(0);
        assertThat(requests.get()).as("nothing downloaded").isZero();
        assertThat(dir.resolve("out.wav")).isNotEmptyFile();
        assertThat(c.err()).doesNotContain("downloading");
    }

    @Test
    void withoutAutoDownloadTheErrorNamesTheCommandAndNothingIsTranslated() throws IOException {
        Files.writeString(dir.resolve("config.yaml"), Files.readString(dir.resolve("config.yaml"))
                + "  auto_download: false\n");
        Cli c = Cli.run(dir, "{\"content\":[{\"type\":\"text\",\"text\":\"Hi.\"}]}\n", "--models-dir", "models", "--dry-run");
        assertThat(c.exitCode).isEqualTo(2);
        assertThat(c.err().strip()).isEqualTo("stream-tts: missing models: nllb-tiny (1 MB); run "
                + "'stream-tts models download nllb-tiny' (or set models.auto_download: true)"
                + " (run 'stream-tts doctor' for a full check)");
        assertThat(c.out()).isEmpty();
        assertThat(requests.get()).isZero();
    }

    @Test
    void modelsCommandsListDownloadAndShowPaths() throws IOException {
        Cli before = Cli.run(dir, "", "models", "path", "nllb-tiny", "--models-dir", "models");
        assertThat(before.exitCode).isEqualTo(1); // not installed yet: no folder to hand to a script
        assertThat(before.out()).isEmpty();
        assertThat(before.err()).contains("nllb-tiny is not installed").contains("models download nllb-tiny");
        Cli list = Cli.run(dir, "", "models", "list", "--models-dir", "models");
        assertThat(list.out()).contains("nllb-tiny").contains("tiny test model").contains("licence: test")
                .doesNotContain("+: some"); // every size is known here
        Files.writeString(dir.resolve("manifest.yaml"), Files.readString(dir.resolve("manifest.yaml"))
                + "  - name: no-sizes\n    description: d\n    licence: l\n    dir: x\n    provides: [\"voice:x\"]\n"
                + "    files:\n      - path: a.json\n        url: http://127.0.0.1:9/a.json\n        size: 2000000\n"
                + "      - path: b.onnx\n        url: http://127.0.0.1:9/b.onnx\n");
        assertThat(Cli.run(dir, "", "models", "list", "--models-dir", "models").out())
                .containsPattern("no-sizes +2 MB\\+ ").contains("+: some of its files have no published size");
        Cli download = Cli.run(dir, "", "models", "download", "nllb-tiny", "--models-dir", "models");
        assertThat(download.exitCode).as(download.err()).isEqualTo(0);
        assertThat(download.err()).contains("nllb-tiny: installed");
        assertThat(Cli.run(dir, "", "models", "list", "--models-dir", "models").out()).contains("installed");
        assertThat(Cli.run(dir, "", "models", "path", "nllb-tiny", "--models-dir", "models").out().strip())
                .isEqualTo(dir.resolve("models/nllb-tiny").toString());
        Cli unknown = Cli.run(dir, "", "models", "download", "nope", "--models-dir", "models");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err()).contains("no model 'nope'");
    }

    @Test
    void aModelThatCannotBeFetchedStopsWithOneLine() throws IOException {
        server.stop(0);
        Cli c = Cli.run(dir, "{\"content\":[{\"type\":\"text\",\"text\":\"Hi.\"}]}\n", "--models-dir", "models", "--dry-run");
        assertThat(c.exitCode).isEqualTo(2);
        assertThat(c.err().lines().filter(l -> l.startsWith("stream-tts: nllb-tiny:")).findFirst()).get().asString()
                .contains("cannot reach 127.0.0.1").contains("to retry: stream-tts models download nllb-tiny");
    }
}
