package dev.streamtts.models;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final Duration waitNotice;
    private final RetryPolicy retries;

    /**
     * @param readTimeout how long one try waits for the server's answer (through the proxy, if any)
     */
    public Downloader(HttpClient client, Progress progress, Duration readTimeout) {
        this(client, progress, readTimeout, Duration.ofSeconds(5), Duration.ofMillis(500));
    }

    /**
     * @param waitNotice how long a try waits in silence before the progress says what it is waiting for
     * @param retryPause the pause before the second try; the third waits twice as long, and so on
     */
    Downloader(HttpClient client, Progress progress, Duration readTimeout, Duration waitNotice, Duration retryPause) {
        this(client, progress, readTimeout, waitNotice, new RetryPolicy(ATTEMPTS, retryPause));
    }

    Downloader(HttpClient client, Progress progress, Duration readTimeout, Duration waitNotice, RetryPolicy retries) {
        this.client = client;
        this.progress = progress;
        this.readTimeout = readTimeout;
        this.waitNotice = waitNotice;
        this.retries = retries;
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

    /**
     * HTTPS_PROXY / HTTP_PROXY (either case) as a selector that knows the variable it came from; NO_PROXY
     * hosts bypass it.
     */
    static ProxySelector proxyFrom(Map<String, String> env) {
        String variable = first(env, "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy");
        String spec = variable == null ? null : env.get(variable);
        if (spec == null || spec.isBlank()) {
            return ProxySelector.getDefault();
        }
        URI uri = URI.create(spec.contains("://") ? spec : "http://" + spec);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        ProxySelector proxy = ProxySelector.of(new InetSocketAddress(uri.getHost(), port));
        String noProxy = env.get(String.valueOf(first(env, "NO_PROXY", "no_proxy")));
        if (noProxy != null && !noProxy.isBlank()) {
            proxy = new NoProxySelector(proxy, noProxy);
        }
        return new EnvProxySelector(proxy, uri.getScheme(), uri.getHost(), port, variable);
    }

    /** The first of the variables that is set. */
    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            if (env.get(n) != null) {
                return n;
            }
        }
        return null;
    }

    /**
     * The proxy requests to {@code uri} go through, as the client picks it (the first HTTP proxy of its
     * selector, else the default one's), or null when they go direct.
     */
    private Via proxyFor(URI uri) {
        ProxySelector selector = client.proxy().orElseGet(ProxySelector::getDefault);
        List<Proxy> proxies;
        try {
            proxies = selector == null ? List.of() : selector.select(uri);
        } catch (RuntimeException e) {
            return null;
        }
        if (proxies == null || proxies.isEmpty() || proxies.get(0).type() != Proxy.Type.HTTP
                || !(proxies.get(0).address() instanceof InetSocketAddress address)) {
            return null;
        }
        if (selector instanceof EnvProxySelector env) {
            return new Via(env.describe(), address, "; check that the proxy is running, or change " + env.variable()
                    + " (or NO_PROXY)");
        }
        return new Via("http://" + address.getHostString() + ":" + address.getPort() + " (from Java's proxy settings)",
                address, "; check that the proxy is running, or change Java's proxy settings (https.proxyHost)");
    }

    /** A proxy: its name for messages (with where it was set), its address, and what to do when it fails. */
    private record Via(String name, InetSocketAddress address, String hint) {
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
        AtomicBoolean toldWaiting = new AtomicBoolean(); // one waiting line per file, however many tries
        try {
            retries.run(target.getFileName().toString(), () -> {
                transfer(file, part, toldWaiting);
                return null;
            });
        } catch (InterruptedDownload e) {
            throw new DownloadException("download of " + target.getFileName() + " was cut: " + e.getMessage()
                    + " (run the command again to resume)", e);
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
    private void transfer(ModelFile file, Path part, AtomicBoolean toldWaiting) throws DownloadException, RetryableException, InterruptedDownload {
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
        String name = part.getFileName().toString().replaceFirst("\\.part$", "");
        String host = file.url().getHost();
        Via via = proxyFor(file.url());
        String through = via == null ? "" : " through the proxy " + via.name();
        HttpResponse<InputStream> response;
        long sent = System.nanoTime();
        try {
            response = send(request.build(), () -> progress.waiting(name + ": waiting for " + host + through
                    + ": no answer yet after " + seconds(waitNotice) + " (each try waits up to " + seconds(readTimeout)
                    + "; Ctrl-C to stop)"), toldWaiting);
        } catch (HttpConnectTimeoutException e) {
            // the connect timeout, or the request's when it ends first; through a proxy this includes its
            // answer to CONNECT (a proxy that accepts and never answers ends here)
            String after = "no answer in " + seconds(Duration.ofNanos(System.nanoTime() - sent));
            if (via != null) {
                throw new DownloadException("cannot connect to the proxy " + via.name() + ": " + after + via.hint(), e);
            }
            throw new DownloadException("cannot reach " + host + " (" + after + "); check the network connection or the "
                    + "proxy (HTTPS_PROXY)", e);
        } catch (ConnectException e) {
            if (via != null) {
                throw new DownloadException("cannot connect to the proxy " + via.name() + ": " + whyNoConnection(via.address(), e)
                        + via.hint(), e);
            }
            throw new DownloadException("cannot reach " + host + " (" + whyNoConnection(addressOf(file.url()), e)
                    + "); check the network connection or the proxy (HTTPS_PROXY)", e);
        } catch (HttpTimeoutException e) {
            throw new RetryableException("no answer from " + host + through + " in " + seconds(readTimeout), e);
        } catch (IOException e) {
            if (rootCause(e) instanceof UnknownHostException || rootCause(e) instanceof UnresolvedAddressException) {
                if (via != null) {
                    throw new DownloadException("cannot connect to the proxy " + via.name() + ": unknown host" + via.hint(), e);
                }
                throw new DownloadException("cannot reach " + host + " (unknown host); check the network "
                        + "connection or the proxy (HTTPS_PROXY)", e);
            }
            throw new RetryableException("connection failed" + through + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedDownload("interrupted", e);
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
            throw new RetryableException("the server answered HTTP " + status, null);
        } else {
            closeQuietly(response);
            throw new DownloadException(file.url() + ": HTTP " + status);
        }
        long total = file.size() != null ? file.size() : response.headers().firstValueAsLong("Content-Length").orElse(-1) + have;
        try (InputStream body = response.body();
             FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
             Progress.Task task = progress.start(name, total, have)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                ByteBuffer bb = ByteBuffer.wrap(buffer, 0, n);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
                task.advance(n);
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedDownload("interrupted", null);
                }
            }
        } catch (IOException e) {
            if (isDiskFull(e)) {
                throw new DownloadException("the disk is full while writing " + part + "; free some space and run the "
                        + "command again to resume", e);
            }
            throw new RetryableException("the connection broke off (" + describe(e) + ")", e);
        }
    }

    /**
     * Sends the request; when no answer has come after {@code waitNotice}, runs {@code notice} (once per
     * {@code told}) and goes on waiting, until the answer, the request's timeout or an interrupt.
     */
    private HttpResponse<InputStream> send(HttpRequest request, Runnable notice, AtomicBoolean told)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<InputStream>> pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try {
            try {
                return pending.get(waitNotice.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException slow) {
                if (told.compareAndSet(false, true)) {
                    notice.run();
                }
                return pending.get();
            }
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof IOException io) {
                throw io; // its type says what failed: HttpConnectTimeoutException, ConnectException, ...
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    /**
     * Why a connection failed. The HTTP client of Java 17 says only "ConnectException" (its cause, a
     * ClosedChannelException, has lost the reason), so one plain connection is tried to find out.
     */
    private static String whyNoConnection(InetSocketAddress address, ConnectException e) {
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage().toLowerCase(Locale.ROOT);
        }
        if (address == null || address.isUnresolved()) {
            return "unknown host";
        }
        try (Socket probe = new Socket()) {
            probe.connect(address, 3000);
            return "the connection failed (" + describe(e) + "), though it can be reached now";
        } catch (SocketTimeoutException t) {
            return "no answer in 3 s";
        } catch (IOException probed) {
            String m = probed.getMessage();
            return m == null || m.isBlank() ? describe(e) : m.toLowerCase(Locale.ROOT);
        }
    }

    private static InetSocketAddress addressOf(URI url) {
        int port = url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return url.getHost() == null ? null : new InetSocketAddress(url.getHost(), port);
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 || ms >= 10_000 ? Math.round(ms / 1000.0) + " s"
                : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
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
