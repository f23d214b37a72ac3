package dev.streamtts.text;

/** What a fenced or indented code block becomes in speech. */
public enum CodeBlockPolicy {
    /** Nothing: code is never read aloud. */
    SKIP,
    /** A short spoken notice in place of the code. */
    ANNOUNCE
}
