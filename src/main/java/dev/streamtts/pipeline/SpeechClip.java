package dev.streamtts.pipeline;

import dev.streamtts.audio.Pcm;

/** An utterance after the synthesize stage: its audio, ready to play. */
public record SpeechClip(Utterance utterance, Pcm pcm, long synthStartNanos, long synthesizedNanos) {
}
