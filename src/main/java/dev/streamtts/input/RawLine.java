package dev.streamtts.input;

/**
 * One line of stdin as bytes, without its line terminator.
 *
 * @param bytes      the line's bytes (empty when {@code tooLong})
 * @param terminated false for a last line that ended without a newline (possibly cut off)
 * @param tooLong    the line exceeded the reader's limit; its bytes were discarded, not kept
 * @param length     the line's full length in bytes, also when it was discarded
 */
public record RawLine(byte[] bytes, boolean terminated, boolean tooLong, long length) {
}
