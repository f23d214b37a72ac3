package dev.streamtts.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamtts.input.ToolCall;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When tool calls are spoken: time is an argument, so no test sleeps. */
class ActivityTest {
    private static final long MS = 1_000_000L;
    private static final long QUIET = 8_000 * MS;

    private static ToolCall read(String file) {
        return new ToolCall("r-" + file, "Read", Map.of("file_path", "/w/" + file));
    }

    @Test
    void briefWaitsForTheBurstToEndAndSpeaksItAsOnePhraseAtTheStartOfARun() {
        Activity a = new Activity(ActivityMode.BRIEF, QUIET);
        long t0 = 1_000 * MS;
        assertThat(a.toolCall(read("A.java"), t0)).isEmpty(); // the burst may go on
        assertThat(a.toolCall(read("B.java"), t0 + 5 * MS)).isEmpty();
        assertThat(a.toolCall(read("C.java"), t0 + 900 * MS)).isEmpty();
        assertThat(a.tick(t0 + 1_000 * MS)).isEmpty();
        // The start of the run counts as silence: once the burst is over, it is said.
        assertThat(a.tick(t0 + Activity.BURST_NANOS)).contains("Reading three files.");
        assertThat(a.tick(t0 + 60_000 * MS)).isEmpty(); // once
    }

    @Test
    void briefSpeaksOnlyAfterTheQuietTimeAndGathersWhatCameMeanwhile() {
        Activity a = new Activity(ActivityMode.BRIEF, QUIET);
        a.spoke(0); // a sentence of prose
        a.toolCall(read("A.java"), 1_000 * MS);
        assertThat(a.tick(5_000 * MS)).isEmpty(); // the burst is over, but the silence is too short
        assertThat(a.toolCall(new ToolCall("t", "Bash", Map.of("command", "mvn test")), 6_000 * MS)).isEmpty();
        assertThat(a.tick(QUIET)).contains("Reading A.java and running the tests.");
        // After it, the next burst waits for another quiet time.
        assertThat(a.toolCall(read("B.java"), QUIET + 100 * MS)).isEmpty();
        assertThat(a.tick(QUIET + 7_000 * MS)).isEmpty();
        assertThat(a.tick(2 * QUIET)).contains("Reading B.java.");
    }

    @Test
    void proseAfterABurstMakesItOldNews() {
        Activity a = new Activity(ActivityMode.BRIEF, QUIET);
        a.toolCall(read("A.java"), 0);
        a.spoke(500 * MS);
        assertThat(a.tick(60_000 * MS)).isEmpty();
        a.toolCall(read("B.java"), 70_000 * MS);
        a.end(); // the run ended: "Done." says the rest
        assertThat(a.tick(90_000 * MS)).isEmpty();
    }

    @Test
    void allSpeaksEachCallAtOnceAndOffNone() {
        Activity all = new Activity(ActivityMode.ALL, QUIET);
        assertThat(all.toolCall(read("A.java"), 0)).contains("Reading A.java.");
        assertThat(all.toolCall(read("B.java"), 1)).contains("Reading B.java.");
        assertThat(all.tick(60_000 * MS)).isEmpty();
        Activity off = new Activity(ActivityMode.OFF, QUIET);
        assertThat(off.toolCall(read("A.java"), 0)).isEqualTo(Optional.empty());
        assertThat(off.tick(60_000 * MS)).isEmpty();
    }
}
