package dev.streamtts.input;

/** Why an input line was skipped. Skipping is counted, never fatal. */
public enum SkipReason {
    NOT_JSON("not JSON"),
    INVALID_UTF8("invalid UTF-8"),
    NOT_AN_OBJECT("not a JSON object"),
    TOO_LONG("too long"),
    TRUNCATED("cut off at end of input"),
    UNPROCESSABLE("could not be processed");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
