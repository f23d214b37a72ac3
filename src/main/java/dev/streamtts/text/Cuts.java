package dev.streamtts.text;

/** Where to cut a text that is too long for what takes it: after a punctuation mark, before a limit. */
public final class Cuts {
    private Cuts() {
    }

    /**
     * The index just after the last mark that starts in {@code [minimum, limit - its length]}, trying the
     * groups of marks in order (the first group with such a mark wins; within a group, the last mark);
     * -1 when there is none.
     */
    public static int afterLastMark(String text, int minimum, int limit, String[]... groups) {
        for (String[] marks : groups) {
            int best = -1;
            for (String mark : marks) {
                int i = text.lastIndexOf(mark, limit - mark.length());
                if (i >= minimum) {
                    best = Math.max(best, i + mark.length());
                }
            }
            if (best > 0) {
                return best;
            }
        }
        return -1;
    }
}
