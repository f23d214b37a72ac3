package dev.streamtts.models;

import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often a download is tried and how long it pauses in between: the first pause, then twice as long,
 * and so on. The sleeper and the log are passed in so that tests neither sleep nor scrape the log.
 */
final class RetryPolicy {
    // logged under Downloader, as before the split: the lines users see keep their name
    private static final Logger log = LoggerFactory.getLogger(Downloader.class);

    /** Sleeps; interruptible, so that Ctrl-C during a pause stops the download. */
    interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration d) throws InterruptedException;
    }

    /** One try. */
    interface Attempt<T> {
        T run() throws DownloadException, RetryableException, InterruptedDownload;
    }

    private final int attempts;
    private final Duration firstPause;
    private final Sleeper sleeper;
    private final Consumer<String> resuming;

    RetryPolicy(int attempts, Duration firstPause) {
        this(attempts, firstPause, Sleeper.REAL, log::info);
    }

    /** @param resuming told one line before each pause */
    RetryPolicy(int attempts, Duration firstPause, Sleeper sleeper, Consumer<String> resuming) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        this.attempts = attempts;
        this.firstPause = firstPause;
        this.sleeper = sleeper;
        this.resuming = resuming;
    }

    /** Runs {@code attempt} until it returns, fails for good, or has failed retryably {@code attempts} times. */
    <T> T run(String name, Attempt<T> attempt) throws DownloadException, InterruptedDownload {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (RetryableException e) {
                if (n == attempts) { // no line saying it resumes, and no pause: nothing follows
                    throw new DownloadException(name + ": " + e.getMessage() + " after " + attempts
                            + " attempts; run the command again to resume", e);
                }
                resuming.accept(name + ": " + e.getMessage() + "; resuming (attempt " + (n + 1) + " of " + attempts + ")");
                pause(firstPause.multipliedBy(n));
            }
        }
    }

    private void pause(Duration d) throws InterruptedDownload {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedDownload("interrupted", e);
        }
    }
}
