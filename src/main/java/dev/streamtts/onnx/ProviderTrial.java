package dev.streamtts.onnx;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Times one model on each provider and says which is faster: for each, load the model, run it once
 * untimed (CoreML compiles for the device on its first run), then a few timed runs with the model's
 * representative input; the median run decides. One provider at a time, so the trial holds one extra
 * copy of the model at most. Each provider gets {@code budget} for all of it: a run still going at the
 * deadline is stopped (by the watchdog, where there is one), and the provider counts as too slow.
 */
final class ProviderTrial {
    /**
     * How much faster than the CPU another provider must be to be chosen. The median hides what a run
     * on CoreML costs besides: a slower start (compiling), copies in and out for other input sizes; and
     * during a background trial the CPU side is slowed by the speech running beside it.
     */
    static final double REQUIRED_SPEEDUP = 1.2;

    /** Opens the model on a provider, for a trial. */
    @FunctionalInterface
    interface Lab {
        Contender open(ExecutionProvider provider) throws Exception;
    }

    /** The model opened on one provider. */
    interface Contender extends AutoCloseable {
        /** One run with the model's representative input. */
        void run() throws Exception;

        /** What ONNX Runtime said about where the nodes went when the session was made; empty when not known. */
        Optional<Placement> placement();

        /** From another thread: ends the run in progress, and fails later ones. */
        void stop();

        @Override
        void close();
    }

    /** Time for trials: nanoseconds for durations, the date for verdicts. Tests pass a fake. */
    interface Timer {
        long nanos();

        LocalDate today();

        static Timer system() {
            return new Timer() {
                @Override
                public long nanos() {
                    return System.nanoTime();
                }

                @Override
                public LocalDate today() {
                    return LocalDate.now();
                }
            };
        }
    }

    /**
     * One provider's side of a trial.
     *
     * @param firstRunNanos  the untimed first run (-1 when it did not finish)
     * @param medianNanos    median of the timed runs (-1 when there were none)
     * @param failure        why this side did not finish, if it did not
     */
    record Measurement(ExecutionProvider provider, long loadNanos, long firstRunNanos, long medianNanos, int runs,
                       Optional<Placement> placement, Optional<String> failure) {
        boolean ok() {
            return failure.isEmpty();
        }

        /** "load 0.4 s, first run 1.2 s, run 540 ms (median of 5)", or the failure. */
        String describe() {
            StringBuilder s = new StringBuilder(provider.label()).append(": ");
            if (loadNanos >= 0) {
                s.append("load ").append(time(loadNanos));
            }
            if (firstRunNanos >= 0) {
                s.append(", first run ").append(time(firstRunNanos));
            }
            if (medianNanos >= 0) {
                s.append(", run ").append(time(medianNanos)).append(" (median of ").append(runs).append(')');
            }
            failure.ifPresent(f -> s.append(loadNanos >= 0 ? "; " : "").append(f));
            placement.ifPresent(p -> s.append("; ").append(p.describe()));
            return s.toString();
        }
    }

    /** The verdict, why, and the measurements it rests on. */
    record Outcome(ExecutionProvider choice, String reason, List<Measurement> measurements) {
    }

    private final Lab lab;
    private final List<ExecutionProvider> providers;
    private final Timer timer;
    private final int runs;
    private final Duration budget;
    private final ScheduledExecutorService watchdog;
    private volatile boolean cancelled;
    private volatile Contender current;

    /**
     * @param providers  for {@link #run}, the CPU first, then the others to weigh against it
     * @param watchdog   stops a run that outlasts the budget (null: only checked between runs)
     */
    ProviderTrial(Lab lab, List<ExecutionProvider> providers, Timer timer, int runs, Duration budget,
                  ScheduledExecutorService watchdog) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("no provider to measure");
        }
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1: " + runs);
        }
        this.lab = lab;
        this.providers = List.copyOf(providers);
        this.timer = timer;
        this.runs = runs;
        this.budget = budget;
        this.watchdog = watchdog;
    }

    /** From another thread (exit): stops the trial; {@link #run} then returns empty. */
    void cancel() {
        cancelled = true;
        Contender c = current;
        if (c != null) {
            c.stop();
        }
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Runs the trial on the calling thread; empty when it was cancelled (nothing to remember). */
    Optional<Outcome> run() {
        if (providers.get(0) != ExecutionProvider.CPU) {
            throw new IllegalStateException("a trial weighs providers against the CPU, first: " + providers);
        }
        List<Measurement> measurements = new ArrayList<>();
        for (ExecutionProvider p : providers) {
            if (cancelled) {
                return Optional.empty();
            }
            Measurement m = measure(p);
            if (cancelled) {
                return Optional.empty();
            }
            measurements.add(m);
            if (p == ExecutionProvider.CPU && !m.ok()) {
                break; // nothing to weigh the others against
            }
        }
        return Optional.of(verdict(measurements, timer.today()));
    }

    /** Measures every provider, whatever happens to the CPU side (the bench's table). */
    List<Measurement> measureAll() {
        List<Measurement> measurements = new ArrayList<>();
        for (ExecutionProvider p : providers) {
            if (cancelled) {
                break;
            }
            measurements.add(measure(p));
        }
        return measurements;
    }

    private Measurement measure(ExecutionProvider provider) {
        long start = timer.nanos();
        Contender c;
        try {
            c = lab.open(provider);
        } catch (Exception | LinkageError e) {
            return new Measurement(provider, -1, -1, -1, 0, Optional.empty(),
                    Optional.of("could not open the model (" + firstLine(e) + ")"));
        }
        current = c;
        if (cancelled) {
            c.stop();
        }
        long load = timer.nanos() - start;
        ScheduledFuture<?> alarm = null;
        if (watchdog != null) {
            try {
                alarm = watchdog.schedule(c::stop, Math.max(0, budget.toNanos() - load), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                c.stop(); // the watchdog is gone: the process is exiting
            }
        }
        long first = -1;
        List<Long> times = new ArrayList<>();
        try {
            if (over(start)) {
                return tooSlow(provider, load, first, times, c, "to load");
            }
            long t = timer.nanos();
            c.run();
            first = timer.nanos() - t;
            while (times.size() < runs && !over(start)) {
                t = timer.nanos();
                c.run();
                times.add(timer.nanos() - t);
            }
            if (times.isEmpty()) {
                return tooSlow(provider, load, first, times, c, "to load and run once");
            }
            return new Measurement(provider, load, first, median(times), times.size(), c.placement(), Optional.empty());
        } catch (Exception | LinkageError e) {
            if (over(start)) { // stopped by the watchdog, or slow and failing
                return tooSlow(provider, load, first, times, c, first < 0 ? "to load and run once"
                        : "to load, run once and time " + runs + " runs");
            }
            return new Measurement(provider, load, first, times.isEmpty() ? -1 : median(times), times.size(),
                    c.placement(), Optional.of("failed (" + firstLine(e) + ")"));
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
            current = null;
            c.close();
        }
    }

    private boolean over(long start) {
        return timer.nanos() - start >= budget.toNanos();
    }

    private Measurement tooSlow(ExecutionProvider provider, long load, long first, List<Long> times, Contender c,
                                String what) {
        return new Measurement(provider, load, first, times.isEmpty() ? -1 : median(times), times.size(),
                c.placement(), Optional.of("took over " + (budget.toMillis() % 1000 == 0 ? budget.toSeconds() + " s"
                        : time(budget.toNanos())) + " " + what));
    }

    /** Which provider the measurements favour, and why, in words for the log and 'doctor'. */
    static Outcome verdict(List<Measurement> measurements, LocalDate date) {
        String when = " in a trial on this machine on " + date;
        Measurement cpu = measurements.get(0);
        if (!cpu.ok()) {
            return new Outcome(ExecutionProvider.CPU, "the trial could not run the model on the CPU: "
                    + cpu.failure().get() + "; nothing to compare with", measurements);
        }
        Optional<Measurement> best = measurements.stream().skip(1).filter(Measurement::ok)
                .min(Comparator.comparingLong(Measurement::medianNanos));
        if (best.isEmpty()) {
            Measurement failed = measurements.size() > 1 ? measurements.get(1) : null;
            String why = failed == null ? "there was nothing to compare with"
                    : failed.provider().label() + " " + failed.failure().orElse("did not finish") + when;
            return new Outcome(ExecutionProvider.CPU, why, measurements);
        }
        Measurement b = best.get();
        double speedup = (double) cpu.medianNanos() / Math.max(1, b.medianNanos());
        // where the nodes went is what explains a slow CoreML (many partitions): it goes with the verdict
        String runs = " (a run: " + time(b.medianNanos()) + " on " + b.provider().label() + ", " + time(cpu.medianNanos())
                + " on the CPU" + b.placement().map(p -> "; " + p.describe()).orElse("") + ")";
        if (speedup >= REQUIRED_SPEEDUP) {
            return new Outcome(b.provider(), String.format(Locale.ROOT, "%.1f× faster than the CPU", speedup) + when
                    + runs, measurements);
        }
        if (speedup > 1) {
            return new Outcome(ExecutionProvider.CPU, b.provider().label() + String.format(Locale.ROOT,
                    " was only %.2f× as fast as the CPU", speedup) + when + runs + String.format(Locale.ROOT,
                    "; it needs %.1f×", REQUIRED_SPEEDUP), measurements);
        }
        return new Outcome(ExecutionProvider.CPU, b.provider().label() + String.format(Locale.ROOT,
                " was slower than the CPU (%.1f× the time)", 1 / speedup) + when + runs, measurements);
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "0.4 ms", "540 ms", "16.2 s". */
    static String time(long nanos) {
        double ms = nanos / 1e6;
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
