package dev.streamtts.pipeline;

import dev.streamtts.input.InputCounters;
import dev.streamtts.input.SkipReason;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code --stats} summary printed to stderr at exit. */
public final class StatsReport {
    private StatsReport() {
    }

    /**
     * @param translating false with translation off: no translation rows then. Rows with no sample
     *                    (nothing got that far) are left out rather than shown as NaN.
     */
    public static void print(PrintStream err, InputCounters input, Metrics m, boolean dryRun, boolean translating) {
        List<String> reasons = new ArrayList<>();
        for (SkipReason r : SkipReason.values()) {
            if (input.skipped(r) > 0) {
                reasons.add(r.label() + " " + input.skipped(r));
            }
        }
        StringBuilder out = new StringBuilder("stream-tts stats\n");
        out.append(String.format(Locale.ROOT, "  input      %d lines read, %d skipped%s, %d of unknown type%n",
                input.lines(), input.skippedTotal(), reasons.isEmpty() ? "" : " (" + String.join(", ", reasons) + ")",
                input.unknownTypes()));
        out.append(String.format(Locale.ROOT, "  sentences  %d (%sfailed %d, skipped to catch up %d%s)%n",
                m.sentences(), translating ? "translated " + m.translated() + ", " : "", m.failed(), m.caughtUp(),
                m.activity() == 0 ? "" : ", activity phrases " + m.activity() + ", of them dropped "
                        + m.activityDropped()));
        if (!dryRun) {
            out.append(String.format(Locale.ROOT, "  spoken     %d sentences, %.1f s of audio%n", m.spoken(),
                    m.audioSeconds()));
        }
        StringBuilder rows = new StringBuilder();
        if (translating) {
            row(rows, "waiting for translation", m.queued);
            row(rows, "translate", m.translate);
        }
        if (!dryRun) {
            row(rows, "synthesize", m.synthesize);
            row(rows, "synthesize first piece", m.firstPiece); // only sentences said in several pieces
            row(rows, "synthesized → first sample heard", m.playWait);
        }
        row(rows, dryRun ? "last input char → printed" : "last input char → first sample", m.endToEnd);
        if (rows.length() == 0) {
            out.append("  latency    none: no sentence got that far\n");
        } else {
            out.append("  latency (ms)                      p50       p95      n\n").append(rows);
        }
        err.print(out); // one write: the report is never cut between its lines
        err.flush();
    }

    private static void row(StringBuilder out, String name, Latencies l) {
        if (l.count() == 0) {
            return;
        }
        out.append(String.format(Locale.ROOT, "    %-32s %8.1f  %8.1f  %5d%n", name, l.percentileMillis(50),
                l.percentileMillis(95), l.count()));
    }
}
