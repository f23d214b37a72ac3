package dev.streamtts.translate;

/**
 * How translations are generated.
 *
 * @param numBeams       1: greedy (fastest); more: beam search as transformers does it
 * @param maxLength      most tokens in an output, decoder start token included (transformers' max_length)
 * @param lengthPenalty  beam search: scores are divided by length^lengthPenalty (transformers' default 1.0)
 * @param maxRatio       guard against runaway loops: stop after {@code maxRatio × input tokens + 10}
 *                       tokens; 0 turns the guard off
 * @param minLength      no end token before this many tokens (transformers' min_length; 0: none)
 */
public record GenerationOptions(int numBeams, int maxLength, double lengthPenalty, double maxRatio, int minLength) {
    public GenerationOptions {
        if (numBeams < 1 || maxLength < 2 || maxRatio < 0 || minLength < 0) {
            throw new IllegalArgumentException("invalid generation options: beams " + numBeams + ", max length "
                    + maxLength + ", ratio " + maxRatio);
        }
    }

    public GenerationOptions(int numBeams, int maxLength, double lengthPenalty, double maxRatio) {
        this(numBeams, maxLength, lengthPenalty, maxRatio, 0);
    }

    public static GenerationOptions greedy() {
        return new GenerationOptions(1, 200, 1.0, 3.0);
    }

    /** Tokens a sentence of {@code inputTokens} may produce, start token included. */
    int limitFor(int inputTokens) {
        if (maxRatio == 0) {
            return maxLength;
        }
        return (int) Math.min(maxLength, Math.ceil(maxRatio * inputTokens) + 10);
    }
}
