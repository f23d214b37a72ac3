package dev.streamtts.pipeline;

/**
 * A sentence after the translate stage.
 *
 * @param translation the target-language text, or null when the source is spoken as it is
 */
record Utterance(Sentence sentence, String translation, long translateStartNanos, long translatedNanos) {

    /** What the voice says. */
    public String speech() {
        return translation != null ? translation : sentence.text();
    }
}
