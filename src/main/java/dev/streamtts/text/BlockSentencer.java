package dev.streamtts.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns one growing Markdown text block into sentences as early as is safe. After each piece of text
 * the block is converted again (Markdown's meaning can change with what follows: a fence opens, a line
 * turns out to be a table) and every sentence that is followed by more text is released; the last
 * sentence of the last paragraph is held until the block ends. Released sentences are remembered by
 * position, so each is released once.
 */
final class BlockSentencer {
    private static final Pattern BLANK_LINE_BEFORE = Pattern.compile("(?s).*\\n[ \\t]*\\n[ \\t]*");
    /** What can end a sentence or a Markdown block: terminators of any script, clause marks, line ends. */
    private static final Pattern MAY_END = Pattern.compile("[.!?;:\\n\\u2026\\u3002\\uFF01\\uFF1F\\uFF0E\\u061F\\u0964]");
    private static final int CONVERT_EVERY_CHARS = 64;
    private final SpeakableMarkdown markdown;
    private final SentenceSplitter splitter;
    private final StringBuilder source = new StringBuilder();
    /** Units fully released, counted from the start of {@link #source}. */
    private int unitsDone;
    /** Sentences already released from unit {@code unitsDone}. */
    private int sentencesDone;
    /** (text length, arrival time) of unit {@code unitsDone} as it grew: when did its k-th char arrive. */
    private final List<long[]> growth = new ArrayList<>();
    private int sinceConversion;
    private boolean endPending;

    BlockSentencer(SpeakableMarkdown markdown, SentenceSplitter splitter) {
        this.markdown = markdown;
        this.splitter = splitter;
    }

    List<SentenceText> append(String text, long nanos) {
        source.append(text);
        sinceConversion += text.length();
        // Converting the whole open block again on every delta costs the square of its length (a 32 KiB
        // paragraph in 8-character deltas took 15 s). A sentence can only be released once its end and
        // the text after it have arrived, so convert only when this piece or the one before it may end
        // a sentence, or when enough text has come for the length limit to cut one.
        boolean mayEnd = MAY_END.matcher(text).find();
        boolean convert = mayEnd || endPending || sinceConversion >= CONVERT_EVERY_CHARS;
        endPending = mayEnd;
        if (!convert) {
            return List.of();
        }
        sinceConversion = 0;
        return release(false, nanos);
    }

    List<SentenceText> finish(long nanos) {
        return release(true, nanos);
    }

    private List<SentenceText> release(boolean complete, long nanos) {
        List<SentenceText> out = new ArrayList<>();
        SpeakableMarkdown.Conversion conversion = markdown.convert(source.toString(), complete);
        List<SpeechUnit> units = conversion.units();
        for (int i = unitsDone; i < units.size(); i++) {
            SpeechUnit unit = units.get(i);
            noteGrowth(unit.text().length(), nanos);
            List<Piece> pieces = splitter.split(unit.text());
            int releasable = unit.open() ? pieces.size() - 1 : pieces.size();
            for (int k = sentencesDone; k < releasable; k++) {
                out.add(new SentenceText(pieces.get(k).text(), arrivalOf(pieces.get(k).end(), nanos)));
            }
            if (unit.open()) {
                sentencesDone = Math.max(sentencesDone, releasable);
                break;
            }
            unitsDone++;
            sentencesDone = 0;
            growth.clear();
        }
        if (!complete) {
            dropReleasedPrefix(conversion);
        }
        return out;
    }

    /**
     * Forgets the Markdown of top-level blocks that are fully released, so a long block is not parsed
     * again and again from its start. Only whole top-level blocks that a blank line separates from the
     * last one go: without that line, the last block could still turn out to continue them (a table row,
     * a lazy paragraph line).
     */
    private void dropReleasedPrefix(SpeakableMarkdown.Conversion conversion) {
        if (conversion.topBlocks() < 2 || conversion.lastTopStart() <= 0
                || !BLANK_LINE_BEFORE.matcher(source.subSequence(0, conversion.lastTopStart())).matches()) {
            return;
        }
        int lastTop = conversion.topBlocks() - 1;
        int unitsBefore = 0;
        for (SpeechUnit unit : conversion.units()) {
            if (unit.topBlock() < lastTop) {
                unitsBefore++;
            }
        }
        if (unitsDone >= unitsBefore) {
            source.delete(0, conversion.lastTopStart());
            unitsDone -= unitsBefore;
        }
    }

    private void noteGrowth(int length, long nanos) {
        if (growth.isEmpty() || growth.get(growth.size() - 1)[0] < length) {
            growth.add(new long[] {length, nanos});
        }
    }

    private long arrivalOf(int end, long fallback) {
        for (long[] g : growth) {
            if (g[0] >= end) {
                return g[1];
            }
        }
        return fallback;
    }
}
