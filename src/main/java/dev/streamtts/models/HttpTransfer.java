package dev.streamtts.models;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP exchange of a resumable download: asks for the bytes after those {@code NAME.part} already
 * has (a Range request) and appends them, or starts over when the server sends the whole file.
 */
final class HttpTransfer {
    private final HttpClient client;
    private final Progress progress;
    private final Duration readTimeout;
    private final Duration waitNotice;

    /**
     * @param readTimeout how long one try waits for the server's answer (through the proxy, if any)
     * @param waitNotice  how long a try waits in silence before the progress says what it is waiting for
     */
    HttpTransfer(HttpClient client, Progress progress, Duration readTimeout, Duration waitNotice) {
        this.client = client;
        this.progress = progress;
        this.readTimeout = readTimeout;
        this.waitNotice = waitNotice;
    }

    /**
     * Appends to {@code part} from where it ends, until the server's body ends.
     *
     * @param toldWaiting set once the waiting line was shown, so that it shows once per file, however many tries
     */
    void transfer(ModelFile file, Path part, AtomicBoolean toldWaiting)
            throws DownloadException, RetryableException, InterruptedDownload {
        long have = part.toFile().isFile() ? part.toFile().length() : 0;
        if ((file.size() != null && have > file.size()) || (have > 0 && Verifier.smallTextFile(file))) {
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
        DiskSpace.ensure(part, file.size() == null ? 0 : file.size() - have);
        HttpRequest.Builder request = HttpRequest.newBuilder(file.url()).timeout(readTimeout).GET()
                .header("User-Agent", "stream-tts");
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        String name = part.getFileName().toString().replaceFirst("\\.part$", "");
        String host = file.url().getHost();
        Proxies.Via via = Proxies.via(client, file.url());
        String through = via == null ? "" : " through the proxy " + via.name();
        HttpResponse<InputStream> response;
        long sent = System.nanoTime();
        try {
            response = send(request.build(), () -> progress.waiting(name + ": waiting for " + host + through
                    + ": no answer yet after " + ConnectionFailures.seconds(waitNotice) + " (each try waits up to "
                    + ConnectionFailures.seconds(readTimeout) + "; Ctrl-C to stop)"), toldWaiting);
        } catch (IOException e) {
            ConnectionFailures.rethrow(e, file.url(), via, readTimeout, Duration.ofNanos(System.nanoTime() - sent));
            throw new AssertionError("rethrow returned", e);
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
            if (DiskSpace.isFull(e)) {
                throw new DownloadException("the disk is full while writing " + part + "; free some space and run the "
                        + "command again to resume", e);
            }
            throw new RetryableException("the connection broke off (" + ConnectionFailures.describe(e) + ")", e);
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

    private static void closeQuietly(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // the answer is refused either way
        }
    }
}
