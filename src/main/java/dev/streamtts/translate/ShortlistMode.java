package dev.streamtts.translate;

/**
 * Whether the decoder's output is cut to the target script's tokens ({@link Shortlist}).
 * <ul>
 * <li>{@code AUTO}: with greedy decoding, where it gives the full model's output whenever that output is
 *     written in the target script (see {@link Shortlist}); not with beam search, whose scores are
 *     normalised over the tokens computed. If the decoder cannot be cut, the full one is used (one warning).</li>
 * <li>{@code ON}: also with beam search (scores normalised over the shortlist: results can differ from the
 *     full model's); a decoder that cannot be cut is an error.</li>
 * <li>{@code OFF}: the full vocabulary.</li>
 * </ul>
 */
public enum ShortlistMode {
    AUTO, ON, OFF;

    /** Whether generation with {@code numBeams} beams uses a shortlist in this mode. */
    boolean applies(int numBeams) {
        return this == ON || (this == AUTO && numBeams == 1);
    }
}
