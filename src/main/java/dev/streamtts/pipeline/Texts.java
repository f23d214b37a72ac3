package dev.streamtts.pipeline;

/** Sentence text shortened for a log line. */
final class Texts {
    private Texts() {
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
