package dev.streamtts.models;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file safely: into {@code NAME.part}, resumed with an HTTP range request after a cut
 * connection, checked against the published size and checksum, then renamed into place in one step, so a
 * file under its final name is always complete. Two downloads of the same file (threads or processes)
 * take turns through a lock file ({@link LockFile}, removed when the download ends); the second finds the
 * file done.
 */
public final class Downloader {
    private static final Logger log = LoggerFactory.getLogger(Downloader.class);
    private static final int ATTEMPTS = 4;
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final HttpClient client;
    private final Progress progress;
    private final Duration readTimeout;

    public Downloader(HttpClient client, Progress progress, Duration readTimeout) {
        this.client = client;
        this.progress = progress;
        this.readTimeout = readTimeout;
    }

    /** An HTTP client that follows redirects (model hubs redirect to their CDN) and the proxy settings. */
    public static HttpClient httpClient(Map<String, String> env) {
        HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20));
        ProxySelector proxy = proxyFrom(env);
        if (proxy != null) {
            b.proxy(proxy);
        }
        return b.build();
    }

    /** HTTPS_PROXY / HTTP_PROXY (either case) as a selector; NO_PROXY hosts bypass it. */
    static ProxySelector proxyFrom(Map<String, String> env) {
        String spec = first(env, "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy");
        if (spec == null || spec.isBlank()) {
            return ProxySelector.getDefault();
        }
        URI uri = URI.create(spec.contains("://") ? spec : "http://" + spec);
        ProxySelector proxy = ProxySelector.of(new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80));
        String noProxy = first(env, "NO_PROXY", "no_proxy");
        if (noProxy == null || noProxy.isBlank()) {
            return proxy;
        }
        return new NoProxySelector(proxy, noProxy);
    }

    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            if (env.get(n) != null) {
                return env.get(n);
            }
        }
        return null;
    }

    /** Makes sure {@code target} holds the file, downloading what is missing. Returns true when it downloaded. */
    public boolean fetch(ModelFile file, Path target) throws DownloadException {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DownloadException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        // Threads of this process take turns here: a second FileLock of the same file in one JVM would throw.
        ReentrantLock local = IN_PROCESS.computeIfAbsent(target.toAbsolutePath().normalize(), p -> new ReentrantLock());
        local.lock();
        try {
            LockFile lock;
            try {
                lock = LockFile.acquire(target.resolveSibling(target.getFileName() + ".lock"));
            } catch (IOException e) {
                throw new DownloadException("cannot lock " + target + " for downloading: " + e.getMessage(), e);
            }
            try (lock) {
                if (Files.isRegularFile(target) && Verifier.matches(file, target)) {
                    return false; // another download finished it, or it was there already
                }
                download(file, target);
                return true;
            } catch (IOException e) {
                throw new DownloadException("cannot check " + target + ": " + e.getMessage(), e);
            }
        } finally {
            local.unlock();
        }
    }

    private void download(ModelFile file, Path target) throws DownloadException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        DownloadException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                transfer(file, part);
                last = null;
                break;
            } catch (Interrupted e) {
                throw new DownloadException("download of " + target.getFileName() + " was cut: " + e.getMessage()
                        + " (run the command again to resume)", e);
            } catch (Retryable e) {
                last = new DownloadException(e.getMessage(), e);
                log.info("{}: {}; resuming (attempt {} of {})", target.getFileName(), e.getMessage(), attempt + 1, ATTEMPTS);
                sleep(500L * attempt);
            }
        }
        if (last != null) {
            throw new DownloadException(target.getFileName() + ": " + last.getMessage()
                    + " after " + ATTEMPTS + " attempts; run the command again to resume", last);
        }
        check(file, part, target);
        try {
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new DownloadException("cannot move " + part + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Size and checksum of a finished download; a mismatch deletes it. */
    private static void check(ModelFile file, Path part, Path target) throws DownloadException {
        try {
            long size = Files.size(part);
            if (file.size() != null && size != file.size() && smallTextFile(file)) {
                // Only a size is published (small text files: MODEL_CARD, configs), and catalogues disagree
                // on it; the weights keep their checksums. Keep it if it is what it claims to be.
                if (file.path().endsWith(".json") && !parsesAsJson(part)) {
                    Files.deleteIfExists(part);
                    throw new DownloadException(target.getFileName() + ": downloaded " + size + " bytes that are not "
                            + "JSON; the file was deleted, run the command again");
                }
                log.info("{}: {} bytes arrived, the manifest says {}; no checksum is published for it, so it is kept "
                        + "('models verify' notes the difference)", target.getFileName(), size, file.size());
            } else if (file.size() != null && size != file.size()) {
                Files.deleteIfExists(part);
                if (!file.pinned()) {
                    throw new DownloadException(target.getFileName() + ": downloaded " + size + " bytes, expected "
                            + file.size() + reuploaded(file, target));
                }
                throw new DownloadException(target.getFileName() + ": downloaded " + size + " bytes, expected "
                        + file.size() + "; the file was deleted, run the command again");
            }
            if (file.checksum() != null) {
                String actual = Verifier.digest(part, file.checksumAlgorithm());
                if (!actual.equals(file.checksum())) {
                    Files.deleteIfExists(part);
                    if (!file.pinned()) {
                        throw new DownloadException(target.getFileName() + ": " + file.checksumAlgorithm() + " mismatch"
                                + " (expected " + file.checksum() + ", got " + actual + ")" + reuploaded(file, target));
                    }
                    throw new DownloadException(target.getFileName() + ": " + file.checksumAlgorithm() + " checksum mismatch"
                            + " (expected " + file.checksum() + ", got " + actual + "); the download was deleted. "
                            + "If this repeats, the file changed at " + file.url().getHost());
                }
            }
        } catch (IOException e) {
            throw new DownloadException("cannot check " + part + ": " + e.getMessage(), e);
        }
    }

    /**
     * The rest of the one line that reports a mismatch of a file whose URL is not pinned to a revision
     * (a release asset the publisher can replace): the bytes may be a re-upload, not a broken download.
     * Either way they are not used: nothing but the manifest's digest can vouch for them.
     */
    private static String reuploaded(ModelFile file, Path target) {
        return "; its URL is a release asset, not pinned to a revision, so the publisher (" + file.url().getHost()
                + ") may have re-uploaded it. The download was deleted and not installed: update stream-tts for a"
                + " newer manifest, or report both digests to stream-tts; to use the new file anyway, check where it"
                + " comes from yourself, download " + file.url() + " by hand and put its sha256 into a copy of the"
                + " manifest (models.manifest)";
    }

    /**
     * A text file under 1 MiB with no published checksum (MODEL_CARD, *.json, *.txt, *.md): catalogues
     * list different sizes for such files, so their listed size is advisory. Weights keep strict checks.
     */
    static boolean smallTextFile(ModelFile file) {
        String name = file.path().substring(file.path().lastIndexOf('/') + 1);
        boolean text = !name.contains(".") || name.matches("(?i).*\\.(json|txt|md|yaml)$");
        return text && file.checksum() == null && file.size() != null && file.size() < 1024 * 1024;
    }

    private static boolean parsesAsJson(Path file) {
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** One HTTP exchange, appending to {@code part} from where it ends. */
    private void transfer(ModelFile file, Path part) throws DownloadException, Retryable, Interrupted {
        long have = part.toFile().isFile() ? part.toFile().length() : 0;
        if ((file.size() != null && have > file.size()) || (have > 0 && smallTextFile(file))) {
            have = 0; // a small file with no checksum: its listed size cannot be trusted to resume against
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                throw new DownloadException("cannot remove " + part + ": " + e.getMessage(), e);
            }
        }
        if (file.size() != null && have == file.size()) {
            return; // complete already; only the check and the rename are left
        }
        ensureSpace(part, file.size() == null ? 0 : file.size() - have);
        HttpRequest.Builder request = HttpRequest.newBuilder(file.url()).timeout(readTimeout).GET()
                .header("User-Agent", "stream-tts");
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new DownloadException("cannot reach " + file.url().getHost() + " (" + describe(e)
                    + "); check the network connection or the proxy (HTTPS_PROXY)", e);
        } catch (HttpTimeoutException e) {
            throw new Retryable(file.url().getHost() + " did not answer in time", e);
        } catch (IOException e) {
            if (rootCause(e) instanceof UnknownHostException) {
                throw new DownloadException("cannot reach " + file.url().getHost() + " (unknown host); check the network "
                        + "connection or the proxy (HTTPS_PROXY)", e);
            }
            throw new Retryable("connection failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted("interrupted", e);
        }
        int status = response.statusCode();
        boolean append;
        if (status == 206 && have > 0) {
            append = true;
        } else if (status == 200) {
            append = false; // the server ignored the range: start over
            have = 0;
        } else if (status == 416 && file.size() == null) {
            closeQuietly(response);
            return; // nothing left to fetch
        } else if (status == 404 || status == 410) {
            closeQuietly(response);
            throw new DownloadException(file.url() + " was not found (HTTP " + status + "); the manifest may be out of "
                    + "date: update stream-tts, or download the file by hand into the model folder");
        } else if (status >= 500 || status == 429) {
            closeQuietly(response);
            throw new Retryable("the server answered HTTP " + status, null);
        } else {
            closeQuietly(response);
            throw new DownloadException(file.url() + ": HTTP " + status);
        }
        long total = file.size() != null ? file.size() : response.headers().firstValueAsLong("Content-Length").orElse(-1) + have;
        try (InputStream body = response.body();
             FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
             Progress.Task task = progress.start(part.getFileName().toString().replaceFirst("\\.part$", ""), total, have)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
                task.advance(n);
                if (Thread.currentThread().isInterrupted()) {
                    throw new Interrupted("interrupted", null);
                }
            }
        } catch (IOException e) {
            if (isDiskFull(e)) {
                throw new DownloadException("the disk is full while writing " + part + "; free some space and run the "
                        + "command again to resume", e);
            }
            throw new Retryable("the connection broke off (" + describe(e) + ")", e);
        }
    }

    private static void ensureSpace(Path part, long needed) throws DownloadException {
        try {
            long free = Files.getFileStore(part.toAbsolutePath().getParent()).getUsableSpace();
            if (needed > 0 && free < needed) {
                throw new DownloadException(String.format(Locale.ROOT, "not enough disk space in %s: %.0f MB needed, %.0f MB free",
                        part.toAbsolutePath().getParent(), needed / 1e6, free / 1e6));
            }
        } catch (IOException e) {
            log.debug("cannot read free space: {}", e.getMessage());
        }
    }

    private static boolean isDiskFull(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("no space left") || m.contains("disk full") || m.contains("not enough space");
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String describe(Throwable e) {
        Throwable root = rootCause(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void closeQuietly(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failure worth resuming after. */
    private static final class Retryable extends Exception {
        Retryable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The user stopped it. */
    private static final class Interrupted extends Exception {
        Interrupted(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Digests. */
    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
