package dev.streamtts.onnx;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one background thread provider trials run on, one trial at a time (so at most one extra copy of a
 * model is in memory), at the lowest Java priority, and only after a start delay, so the models of the
 * run load and the first sentences are spoken first. Stopped at exit: the trial in progress is cancelled
 * (its run ended through ONNX Runtime's terminate flag), and the thread, which closes its own sessions,
 * is waited for.
 */
final class TrialQueue {
    private static final Logger log = LoggerFactory.getLogger(TrialQueue.class);

    private record Job(String what, ProviderTrial trial, Consumer<ProviderTrial.Outcome> done) {
    }

    private final Duration startDelay;
    private final LinkedBlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stream-tts-trial-watchdog");
        t.setDaemon(true);
        return t;
    });
    private Thread thread;
    private volatile ProviderTrial current;
    private volatile boolean stopped;

    TrialQueue(Duration startDelay) {
        this.startDelay = startDelay;
    }

    /** Stops a trial's run that outlasts its budget. */
    ScheduledExecutorService watchdog() {
        return watchdog;
    }

    /** Queues {@code trial}; {@code done} gets its outcome, on the trial thread, unless it was cancelled. */
    synchronized void submit(String what, ProviderTrial trial, Consumer<ProviderTrial.Outcome> done) {
        if (stopped) {
            return;
        }
        jobs.add(new Job(what, trial, done));
        if (thread == null) {
            thread = new Thread(this::loop, "stream-tts-provider-trial");
            thread.setDaemon(true); // never keeps the process alive; exit stops it first
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }
    }

    private void loop() {
        try {
            Thread.sleep(startDelay.toMillis());
            while (!stopped) {
                Job job = jobs.take();
                current = job.trial();
                if (stopped) {
                    return;
                }
                try {
                    Optional<ProviderTrial.Outcome> outcome = job.trial().run();
                    if (outcome.isPresent() && !stopped) {
                        job.done().accept(outcome.get());
                    }
                } catch (RuntimeException e) {
                    if (!stopped) {
                        log.warn("{}: the provider trial failed: {}", job.what(), e.toString());
                    }
                } finally {
                    current = null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        }
    }

    /**
     * At exit: no trial starts any more, the one in progress is cancelled, and its thread is waited for up
     * to {@code grace} (a session being made cannot be interrupted). False when it was still running then.
     */
    boolean stop(Duration grace) {
        Thread t;
        synchronized (this) {
            stopped = true;
            jobs.clear();
            t = thread;
        }
        ProviderTrial trial = current;
        if (trial != null) {
            trial.cancel();
        }
        try {
            if (t == null) {
                return true;
            }
            t.interrupt();
            try {
                t.join(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !t.isAlive();
        } finally {
            watchdog.shutdownNow();
        }
    }
}
