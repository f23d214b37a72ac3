package dev.streamtts.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DownloaderTest {
    @TempDir
    Path dir;
    FileServer server;
    byte[] payload;

    @BeforeEach
    void start() throws Exception {
        server = new FileServer();
        payload = new byte[300_000];
        new Random(1).nextBytes(payload);
        server.files.put("model.onnx", payload);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Downloader downloader(Progress progress) {
        return new Downloader(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), progress,
                Duration.ofSeconds(10));
    }

    ModelFile file(String name, Long size, String sha256) {
        return new ModelFile(name, server.url(name), size, sha256, null);
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void downloadsChecksAndRenamesIntoPlace() throws Exception {
        Path target = dir.resolve("m/model.onnx");
        assertThat(downloader(Progress.NONE).fetch(file("model.onnx", (long) payload.length, sha256(payload)), target)).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(payload);
        assertThat(dir.resolve("m/model.onnx.part")).doesNotExist();
        // Already there and intact: nothing to do.
        assertThat(downloader(Progress.NONE).fetch(file("model.onnx", (long) payload.length, sha256(payload)), target)).isFalse();
        assertThat(server.fullGets.get()).isEqualTo(1);
    }

    @Test
    void resumesAfterACutConnection() throws Exception {
        server.cutAfter = 100_000;
        Path target = dir.resolve("model.onnx");
        downloader(Progress.NONE).fetch(file("model.onnx", (long) payload.length, sha256(payload)), target);
        assertThat(Files.readAllBytes(target)).isEqualTo(payload);
        assertThat(server.ranges).hasSize(1).first().asString().startsWith("bytes=").doesNotStartWith("bytes=0-");
        assertThat(server.fullGets.get()).isEqualTo(1);
    }

    @Test
    void resumesAPartialFileLeftByAnEarlierRun() throws Exception {
        Path target = dir.resolve("model.onnx");
        Files.write(dir.resolve("model.onnx.part"), java.util.Arrays.copyOf(payload, 123_456));
        downloader(Progress.NONE).fetch(file("model.onnx", (long) payload.length, sha256(payload)), target);
        assertThat(Files.readAllBytes(target)).isEqualTo(payload);
        assertThat(server.ranges).containsExactly("bytes=123456-");
        assertThat(server.fullGets.get()).isZero();
    }

    @Test
    void aChecksumMismatchDeletesTheFileAndSaysSo() throws Exception {
        Path target = dir.resolve("model.onnx");
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> downloader(Progress.NONE).fetch(file("model.onnx", (long) payload.length, wrong), target))
                .isInstanceOf(DownloadException.class).hasMessageContaining("checksum mismatch")
                .hasMessageContaining(wrong).hasMessageContaining("deleted");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("model.onnx.part")).doesNotExist();
    }

    @Test
    void aChecksumMismatchOfAnUnpinnedFileSaysThePublisherMayHaveReuploadedIt() throws Exception {
        String wrong = "ab".repeat(32);
        ModelManifest m = ModelManifest.parse("models:\n  - name: k\n    licence: x\n    files:\n"
                + "      - path: model.onnx\n        url: " + server.url("model.onnx") + "\n"
                + "        size: " + payload.length + "\n        sha256: " + wrong + "\n        pinned: false\n", "test");
        ModelEntry entry = m.entries().get(0);
        ModelStore store = new ModelStore(dir, m);
        assertThatThrownBy(() -> store.install(entry, downloader(Progress.NONE)))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("model.onnx: SHA-256 mismatch")
                .hasMessageContaining("expected " + wrong).hasMessageContaining("got " + sha256(payload))
                .hasMessageContaining("may have re-uploaded it")
                .hasMessageContaining("not installed")
                .hasMessageContaining("update stream-tts")
                .hasMessageContaining("models.manifest")
                .hasMessageNotContaining("\n");
        assertThat(store.pathOf(entry, entry.files().get(0))).doesNotExist();
        assertThat(dir.resolve("k/model.onnx.part")).doesNotExist();
        assertThat(store.installed(entry)).isFalse();
        // a re-upload of another size is named the same way, not as a broken download
        ModelManifest sized = ModelManifest.parse("models:\n  - name: k\n    licence: x\n    files:\n"
                + "      - path: model.onnx\n        url: " + server.url("model.onnx") + "\n"
                + "        size: " + (payload.length - 1) + "\n        sha256: " + wrong + "\n        pinned: false\n", "test");
        assertThatThrownBy(() -> new ModelStore(dir, sized).install(sized.entries().get(0), downloader(Progress.NONE)))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("downloaded " + payload.length + " bytes, expected " + (payload.length - 1))
                .hasMessageContaining("may have re-uploaded it").hasMessageNotContaining("\n");
        assertThat(dir.resolve("k/model.onnx")).doesNotExist();
    }

    @Test
    void notFoundAndNoServerAreClearErrors() throws Exception {
        assertThatThrownBy(() -> downloader(Progress.NONE).fetch(file("gone.onnx", 10L, null), dir.resolve("gone.onnx")))
                .isInstanceOf(DownloadException.class).hasMessageContaining("was not found (HTTP 404)");
        ModelFile nowhere = new ModelFile("x.onnx", java.net.URI.create("http://127.0.0.1:1/x.onnx"), 10L, null, null);
        assertThatThrownBy(() -> downloader(Progress.NONE).fetch(nowhere, dir.resolve("x.onnx")))
                .isInstanceOf(DownloadException.class).hasMessageContaining("cannot reach 127.0.0.1")
                .hasMessageContaining("HTTPS_PROXY");
    }

    @Test
    void notEnoughDiskSpaceIsSaidBeforeDownloading() {
        ModelFile huge = file("model.onnx", 1L << 55, null);
        assertThatThrownBy(() -> downloader(Progress.NONE).fetch(huge, dir.resolve("huge.onnx")))
                .isInstanceOf(DownloadException.class).hasMessageContaining("not enough disk space");
        assertThat(server.fullGets.get()).isZero();
    }

    @Test
    void aSlowServerShowsProgressLines() throws Exception {
        server.trickleMillis = 5;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path target = dir.resolve("slow.onnx");
        downloader(Progress.lines(new PrintStream(err, true, StandardCharsets.UTF_8)))
                .fetch(file("model.onnx", (long) payload.length, sha256(payload)), target);
        String lines = err.toString(StandardCharsets.UTF_8);
        assertThat(lines).contains("slow.onnx: 0%").contains("slow.onnx: 50%").contains("slow.onnx: 90%")
                .contains("slow.onnx: done (0.3 MB)");
        assertThat(Files.readAllBytes(target)).isEqualTo(payload);
    }

    @Test
    void twoConcurrentDownloadsOfOneModelDoNotCorruptIt() throws Exception {
        server.trickleMillis = 2;
        ModelEntry entry = new ModelEntry("m", "", "", "m", List.of(),
                List.of(file("model.onnx", (long) payload.length, sha256(payload))));
        ModelStore store = new ModelStore(dir, new ModelManifest(List.of(entry)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<ModelFile>>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(pool.submit((Callable<List<ModelFile>>) () -> store.install(entry, downloader(Progress.NONE))));
        }
        int downloaded = 0;
        for (Future<List<ModelFile>> f : results) {
            downloaded += f.get().size();
        }
        pool.shutdown();
        assertThat(downloaded).isEqualTo(1); // one fetched it; the other found it complete
        assertThat(Files.readAllBytes(dir.resolve("m/model.onnx"))).isEqualTo(payload);
        assertThat(server.fullGets.get()).isEqualTo(1);
        assertThat(store.verify(entry)).containsValue(Verifier.Status.VERIFIED);
        assertThat(lockFiles()).isEmpty();
    }

    @Test
    void noLockFileIsLeftAfterADownloadOrAFailedOne() throws Exception {
        downloader(Progress.NONE).fetch(file("model.onnx", (long) payload.length, sha256(payload)), dir.resolve("a/model.onnx"));
        assertThat(dir.resolve("a/model.onnx")).exists();
        assertThat(lockFiles()).isEmpty();
        // already there: locked, checked, nothing downloaded
        downloader(Progress.NONE).fetch(file("model.onnx", (long) payload.length, sha256(payload)), dir.resolve("a/model.onnx"));
        assertThatThrownBy(() -> downloader(Progress.NONE).fetch(file("model.onnx", (long) payload.length, "ab".repeat(32)),
                dir.resolve("b/model.onnx"))).hasMessageContaining("mismatch");
        assertThatThrownBy(() -> downloader(Progress.NONE).fetch(file("gone.onnx", 10L, null), dir.resolve("c/gone.onnx")))
                .hasMessageContaining("not found");
        assertThat(lockFiles()).isEmpty();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void twoProcessesDownloadingOneFileTakeTurnsDownloadItOnceAndLeaveNoLock() throws Exception {
        server.trickleMillis = 20; // about 0.8 s for the whole file: the second arrives while the first holds the lock
        Path target = dir.resolve("m/model.onnx");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                FetchInAnotherProcess.class.getName(), server.url("model.onnx").toString(), target.toString(),
                Long.toString(payload.length), sha256(payload)).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (server.fullGets.get() == 0) { // the other process holds the lock and is downloading
                assertThat(other.isAlive()).as("the other process ended before it downloaded").isTrue();
                assertThat(System.nanoTime()).as("the other process did not start downloading in 20 s").isLessThan(deadline);
                Thread.sleep(10);
            }
            assertThat(downloader(Progress.NONE).fetch(file("model.onnx", (long) payload.length, sha256(payload)), target))
                    .as("it waited for the other process and found the file done").isFalse();
            assertThat(other.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String said = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(other.exitValue()).as(said).isZero();
            assertThat(said).contains("downloaded");
        } finally {
            other.destroyForcibly();
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(payload);
        assertThat(server.fullGets.get()).isEqualTo(1);
        assertThat(lockFiles()).isEmpty();
    }

    /** {@code URL TARGET SIZE SHA256}: one fetch, as a second stream-tts would do it; says what it did. */
    public static final class FetchInAnotherProcess {
        public static void main(String[] args) throws Exception {
            ModelFile f = new ModelFile("model.onnx", java.net.URI.create(args[0]), Long.parseLong(args[2]), args[3], null);
            try {
                boolean downloaded = new Downloader(HttpClient.newHttpClient(), Progress.NONE, Duration.ofSeconds(10))
                        .fetch(f, Path.of(args[1]));
                System.out.println(downloaded ? "downloaded" : "present");
            } catch (DownloadException e) {
                System.out.println("failed: " + e.getMessage());
                System.exit(1);
            }
        }
    }

    List<Path> lockFiles() throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".lock")).toList();
        }
    }

    @Test
    void anEntryWithoutAChecksumIsCheckedBySizeOnlyAndSaysSo() throws Exception {
        ModelEntry entry = new ModelEntry("m", "", "", "m", List.of(), List.of(file("model.onnx", (long) payload.length, null)));
        ModelStore store = new ModelStore(dir, new ModelManifest(List.of(entry)));
        store.install(entry, downloader(Progress.NONE));
        assertThat(store.verify(entry).values()).containsExactly(Verifier.Status.SIZE_ONLY);
        Files.write(dir.resolve("m/model.onnx"), new byte[] {1, 2, 3});
        assertThat(store.verify(entry).values()).containsExactly(Verifier.Status.CORRUPT);
        assertThat(store.installed(entry)).isFalse();
    }

    @Test
    void aSmallTextFileWhoseListedSizeIsOffIsKeptAndNotedWhileWeightsStayStrict() throws Exception {
        // piper-voices' es_ES-davefx-medium/MODEL_CARD is 276 bytes; the manifest once said 275
        byte[] card = new byte[276];
        java.util.Arrays.fill(card, (byte) 'x');
        server.files.put("MODEL_CARD", card);
        server.files.put("voice.onnx.json", "{\"audio\": {\"sample_rate\": 22050}}".getBytes(StandardCharsets.UTF_8));
        server.files.put("broken.json", "not json at all".getBytes(StandardCharsets.UTF_8));
        ModelEntry entry = new ModelEntry("v", "", "", "v", List.of(), List.of(file("MODEL_CARD", 275L, null),
                file("voice.onnx.json", 10L, null)));
        ModelStore store = new ModelStore(dir, new ModelManifest(List.of(entry)));
        store.install(entry, downloader(Progress.NONE));
        assertThat(Files.readAllBytes(dir.resolve("v/MODEL_CARD"))).isEqualTo(card);
        assertThat(store.verify(entry).values()).containsOnly(Verifier.Status.SIZE_DIFFERS);
        assertThat(store.installed(entry)).isTrue();
        // a small JSON file that is not JSON is still refused
        ModelEntry bad = new ModelEntry("b", "", "", "b", List.of(), List.of(file("broken.json", 10L, null)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ModelStore(dir, new ModelManifest(List.of(bad)))
                .install(bad, downloader(Progress.NONE))).hasMessageContaining("not JSON");
        // weights with a checksum: a wrong size is still an error
        ModelEntry weights = new ModelEntry("w", "", "", "w", List.of(), List.of(file("model.onnx",
                (long) payload.length + 1, sha256(payload))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ModelStore(dir, new ModelManifest(List.of(weights)))
                .install(weights, downloader(Progress.NONE))).isInstanceOf(Exception.class);
    }

    @Test
    void anEntryThatOnlySharesFilesWithAnInstalledOneIsNotTakenForInstalled() throws Exception {
        // the int8 and fp32 translators share a folder and their small files
        server.files.put("config.json", "{}".getBytes(StandardCharsets.UTF_8));
        server.files.put("other.onnx", new byte[] {7, 7, 7});
        ModelFile config = file("config.json", 2L, null);
        ModelEntry int8 = new ModelEntry("t-int8", "", "", "t", List.of(), List.of(config,
                file("model.onnx", (long) payload.length, sha256(payload))));
        ModelEntry fp32 = new ModelEntry("t-fp32", "", "", "t", List.of(), List.of(config,
                file("other.onnx", 3L, null)));
        ModelStore store = new ModelStore(dir, new ModelManifest(List.of(int8, fp32)));
        store.install(int8, downloader(Progress.NONE));
        assertThat(store.installed(int8)).isTrue();
        assertThat(store.installed(fp32)).isFalse();
        assertThat(store.verifyWorthy(int8)).isTrue();
        assertThat(store.verifyWorthy(fp32)).as("'models verify' must not report it MISSING").isFalse();
    }

    @Test
    void md5FromACatalogueIsVerifiedWhenNoSha256IsPublished() throws Exception {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(payload));
        ModelFile f = new ModelFile("model.onnx", server.url("model.onnx"), (long) payload.length, null, md5);
        Path target = dir.resolve("md5.onnx");
        downloader(Progress.NONE).fetch(f, target);
        assertThat(Verifier.check(f, target)).isEqualTo(Verifier.Status.VERIFIED);
    }

    static int refusedPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // closed again: connecting to it is refused
        }
    }

    static ModelFile remote(String name) {
        // never reached: every test that uses it goes through a loopback proxy
        return new ModelFile(name, java.net.URI.create("https://huggingface.co/x/resolve/0/" + name), 10L, null, null);
    }

    @Test
    void aRefusedProxyIsNamedAtOnceAndNotBlamedOnTheHost() throws Exception {
        int port = refusedPort();
        Downloader d = new Downloader(Downloader.httpClient(Map.of("HTTPS_PROXY", "http://127.0.0.1:" + port)), Progress.NONE,
                Duration.ofSeconds(60));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> d.fetch(remote("model.onnx"), dir.resolve("model.onnx")))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("cannot connect to the proxy http://127.0.0.1:" + port + " (from HTTPS_PROXY): connection refused")
                .hasMessageNotContaining("cannot reach huggingface.co");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        // the lower-case variable and a password in the URL: named as set, the password left out
        Downloader lower = new Downloader(Downloader.httpClient(Map.of("http_proxy", "http://me:secret@127.0.0.1:" + port)),
                Progress.NONE, Duration.ofSeconds(60));
        assertThatThrownBy(() -> lower.fetch(remote("model.onnx"), dir.resolve("model.onnx")))
                .hasMessageContaining("the proxy http://127.0.0.1:" + port + " (from http_proxy)")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aProxyThatNeverAnswersGetsOneWaitingLineThatNamesItAndThenAnErrorThatDoes() throws Exception {
        List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (java.net.ServerSocket proxy = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        java.net.Socket s = proxy.accept(); // accepts, reads the request line, never answers
                        held.add(s);
                        requests.add(new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                                StandardCharsets.ISO_8859_1)).readLine());
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String name = "http://127.0.0.1:" + proxy.getLocalPort();
            // https: the proxy is asked to CONNECT and never does; http: it is sent the GET and never answers
            String https = stall(name, remote("model.onnx"));
            assertThat(https).contains("cannot connect to the proxy " + name + " (from HTTPS_PROXY): no answer in 0.")
                    .contains("HTTPS_PROXY (or NO_PROXY)");
            assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("CONNECT huggingface.co:443 "));
            requests.clear();
            String http = stall(name, new ModelFile("model.onnx", java.net.URI.create("http://huggingface.co/x/model.onnx"),
                    10L, null, null));
            assertThat(http).contains("no answer from huggingface.co through the proxy " + name + " (from HTTPS_PROXY) in 0.5 s")
                    .contains("after 4 attempts");
            assertThat(requests).hasSize(4).allSatisfy(r -> assertThat(r).startsWith("GET http://huggingface.co/x/model.onnx "));
        } finally {
            for (java.net.Socket s : held) {
                s.close();
            }
        }
    }

    /** Downloads through a proxy that never answers: the waiting line must come in time; returns the error. */
    String stall(String proxy, ModelFile file) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Downloader d = new Downloader(Downloader.httpClient(Map.of("HTTPS_PROXY", proxy)),
                Progress.lines(new PrintStream(err, true, StandardCharsets.UTF_8)), Duration.ofMillis(500),
                Duration.ofMillis(100), Duration.ofMillis(10));
        Path target = dir.resolve(file.url().getScheme() + "/" + file.path());
        java.util.concurrent.CompletableFuture<Boolean> fetch = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return d.fetch(file, target);
            } catch (DownloadException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        String waiting = "model.onnx: waiting for huggingface.co through the proxy " + proxy + " (from HTTPS_PROXY): "
                + "no answer yet after 0.1 s (each try waits up to 0.5 s; Ctrl-C to stop)";
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!err.toString(StandardCharsets.UTF_8).contains(waiting)) {
            assertThat(System.nanoTime()).as("no waiting line in 3 s; stderr: " + err.toString(StandardCharsets.UTF_8))
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
        Throwable failed = org.assertj.core.api.Assertions.catchThrowable(() -> fetch.get(20, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(failed).isInstanceOf(java.util.concurrent.ExecutionException.class).cause().isInstanceOf(DownloadException.class);
        assertThat(err.toString(StandardCharsets.UTF_8).split("waiting for", -1)).as("one waiting line").hasSize(2);
        return failed.getCause().getMessage();
    }

    /** A downloader whose pauses between tries are recorded instead of slept, and whose resuming lines are kept. */
    Downloader recording(List<Duration> pauses, List<String> said) {
        return new Downloader(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Progress.NONE,
                Duration.ofSeconds(10), Duration.ofSeconds(5), new RetryPolicy(4, Duration.ofMillis(500), pauses::add, said::add));
    }

    @Test
    void aServerThatStaysBusyIsTriedFourTimesWithAPauseBetweenTriesOnlyAndCountsToFour() {
        server.busyAnswers = Integer.MAX_VALUE;
        List<Duration> pauses = new ArrayList<>();
        List<String> said = new ArrayList<>();
        assertThatThrownBy(() -> recording(pauses, said).fetch(file("model.onnx", (long) payload.length, null),
                dir.resolve("model.onnx")))
                .isInstanceOf(DownloadException.class)
                .hasMessage("model.onnx: the server answered HTTP 503 after 4 attempts; run the command again to resume");
        assertThat(server.busy.get()).isEqualTo(4);
        assertThat(said).containsExactly(
                "model.onnx: the server answered HTTP 503; resuming (attempt 2 of 4)",
                "model.onnx: the server answered HTTP 503; resuming (attempt 3 of 4)",
                "model.onnx: the server answered HTTP 503; resuming (attempt 4 of 4)");
        // no pause after the last try: there is nothing left to wait for
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(1500));
        assertThat(dir.resolve("model.onnx")).doesNotExist();
    }

    @Test
    void aServerThatIsBusyTwiceIsDownloadedOnTheThirdTry() throws Exception {
        server.busyAnswers = 2;
        List<Duration> pauses = new ArrayList<>();
        List<String> said = new ArrayList<>();
        Path target = dir.resolve("model.onnx");
        assertThat(recording(pauses, said).fetch(file("model.onnx", (long) payload.length, sha256(payload)), target)).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(payload);
        assertThat(said).hasSize(2).last().asString().endsWith("(attempt 3 of 4)");
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void proxySettingsComeFromTheEnvironment() {
        var selector = Proxies.proxyFrom(Map.of("HTTPS_PROXY", "http://proxy.example:3128", "NO_PROXY", "localhost,.internal"));
        assertThat(selector.select(java.net.URI.create("https://huggingface.co/x")).get(0).address().toString())
                .contains("proxy.example").contains("3128");
        assertThat(selector.select(java.net.URI.create("https://repo.internal/x")).get(0)).isEqualTo(java.net.Proxy.NO_PROXY);
    }
}
