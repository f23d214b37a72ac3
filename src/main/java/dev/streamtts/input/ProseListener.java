package dev.streamtts.input;

/**
 * Receives the assistant's prose as the input stage finds it. Each text block has a key that stays the
 * same for all of its pieces; a block's text arrives in order, once.
 */
public interface ProseListener {

    /** More Markdown for a block (a delta, or the rest of a block that deltas did not deliver). */
    void text(String blockKey, String markdown);

    /** The block is complete: whatever sentence it still holds can be spoken. */
    void endOfBlock(String blockKey);

    /** A flush point (message stop, result, end of input): every open block is complete. */
    void flush();
}
