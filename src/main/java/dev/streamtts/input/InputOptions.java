package dev.streamtts.input;

/**
 * Options of the input stage.
 *
 * @param maxLineBytes   longer lines are skipped (counted); memory stays bounded
 * @param speakSubagents speak subagent text forwarded with {@code --forward-subagent-text}
 */
public record InputOptions(long maxLineBytes, boolean speakSubagents) {
    public InputOptions {
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1024: " + maxLineBytes);
        }
    }
}
