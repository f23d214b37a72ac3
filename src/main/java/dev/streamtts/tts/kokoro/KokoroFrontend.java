package dev.streamtts.tts.kokoro;

import dev.streamtts.tts.VoiceException;

/** Text in a voice's language to a string of Kokoro phonemes. */
@FunctionalInterface
interface KokoroFrontend {
    String phonemes(String text) throws VoiceException;
}
