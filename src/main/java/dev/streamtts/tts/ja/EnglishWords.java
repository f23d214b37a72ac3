package dev.streamtts.tts.ja;

import dev.streamtts.tts.espeak.EspeakException;

/**
 * English phonemes for the Latin words inside Japanese text, in the symbols of the voice that speaks them
 * (Kokoro's English front end gives them). An interface, so the Japanese front end does not depend on a voice.
 */
@FunctionalInterface
public interface EnglishWords {
    String phonemes(String text) throws EspeakException;
}
