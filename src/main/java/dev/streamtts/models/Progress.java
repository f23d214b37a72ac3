package dev.streamtts.models;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Reports a download's progress: a bar on a terminal, a few plain lines otherwise, or nothing. */
public interface Progress {

    /** One file's progress. */
    interface Task extends AutoCloseable {
        void advance(long bytes);

        @Override
        void close();
    }

    Task start(String name, long total, long alreadyHave);

    /** Says that a download is waiting for an answer (no byte has come yet): one line, printed as it is. */
    default void waiting(String line) {
    }

    Progress NONE = (name, total, have) -> new Task() {
        @Override
        public void advance(long bytes) {
        }

        @Override
        public void close() {
        }
    };

    /** A progress bar (me.tongfei progressbar) when stderr is a terminal, else a line every 10 %. */
    static Progress forStderr(PrintStream err) {
        return System.console() != null ? bar(err) : lines(err);
    }

    static Progress bar(PrintStream err) {
        return printingWaitingLines(err, (name, total, have) -> {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total > 0 ? total : -1)
                    .setStyle(ProgressBarStyle.ASCII).setUnit("MB", 1024 * 1024).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(err)).startsFrom(have, java.time.Duration.ZERO).build();
            return new Task() {
                @Override
                public void advance(long bytes) {
                    bar.stepBy(bytes);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        });
    }

    static Progress lines(PrintStream err) {
        return printingWaitingLines(err, (name, total, have) -> new Task() {
            private long done = have;
            private int lastTenth = -1;

            @Override
            public void advance(long bytes) {
                done += bytes;
                int tenth = total > 0 ? (int) (done * 10 / total) : -1;
                if (tenth > lastTenth && tenth < 10) {
                    lastTenth = tenth;
                    err.printf(Locale.ROOT, "%s: %d%% (%.1f of %.1f MB)%n", name, tenth * 10, done / 1e6, total / 1e6);
                }
            }

            @Override
            public void close() {
                err.printf(Locale.ROOT, "%s: done (%.1f MB)%n", name, done / 1e6);
            }
        });
    }

    private static Progress printingWaitingLines(PrintStream err, Progress tasks) {
        return new Progress() {
            @Override
            public Task start(String name, long total, long alreadyHave) {
                return tasks.start(name, total, alreadyHave);
            }

            @Override
            public void waiting(String line) {
                err.println(line);
            }
        };
    }
}
