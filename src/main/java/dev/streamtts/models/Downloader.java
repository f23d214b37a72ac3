package dev.streamtts.models;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Downloads one file safely: into {@code NAME.part}, resumed with an HTTP range request after a cut
 * connection ({@link HttpTransfer}, tried again by {@link RetryPolicy}), checked against the published size
 * and checksum ({@link DownloadCheck}), then renamed into place in one step, so a file under its final name
 * is always complete. Two downloads of the same file (threads or processes) take turns ({@link DownloadLock});
 * the second finds the file done.
 */
public final class Downloader {
    private static final int ATTEMPTS = 4;

    private final HttpTransfer transfer;
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
        this.transfer = new HttpTransfer(client, progress, readTimeout, waitNotice);
        this.retries = retries;
    }

    /** An HTTP client that follows redirects (model hubs redirect to their CDN) and the proxy settings. */
    public static HttpClient httpClient(Map<String, String> env) {
        return Proxies.httpClient(env);
    }

    /** Makes sure {@code target} holds the file, downloading what is missing. Returns true when it downloaded. */
    public boolean fetch(ModelFile file, Path target) throws DownloadException {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DownloadException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        try (DownloadLock turn = DownloadLock.take(target)) {
            if (Files.isRegularFile(target) && Verifier.matches(file, target)) {
                return false; // another download finished it, or it was there already
            }
            download(file, target);
            return true;
        } catch (IOException e) {
            throw new DownloadException("cannot check " + target + ": " + e.getMessage(), e);
        }
    }

    private void download(ModelFile file, Path target) throws DownloadException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        AtomicBoolean toldWaiting = new AtomicBoolean(); // one waiting line per file, however many tries
        try {
            retries.run(target.getFileName().toString(), () -> {
                transfer.transfer(file, part, toldWaiting);
                return null;
            });
        } catch (InterruptedDownload e) {
            throw new DownloadException("download of " + target.getFileName() + " was cut: " + e.getMessage()
                    + " (run the command again to resume)", e);
        }
        DownloadCheck.check(file, part, target);
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
}
