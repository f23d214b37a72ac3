package dev.streamtts.pipeline;

import dev.streamtts.audio.Pcm;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A piece of an utterance after the synthesize stage: its audio, ready to play. A sentence is one clip, or
 * several (its clauses, see {@link dev.streamtts.text.ClauseSplitter}) that follow each other in order.
 *
 * @param piece    its number in the sentence, from 0
 * @param last     no more pieces of the sentence follow
 * @param cutShort an empty last clip: a later piece could not be synthesized, so the sentence ends here
 * @param dropped  one flag for all pieces of the sentence: set by the play stage when it gives the sentence
 *                 up (caught up, or the output failed), so its other pieces are neither synthesized nor played
 */
record SpeechClip(Utterance utterance, Pcm pcm, int piece, boolean last, boolean cutShort,
                         long synthStartNanos, long synthesizedNanos, AtomicBoolean dropped) {

    /** The end of a sentence whose piece {@code piece} failed, at {@code now}. */
    static SpeechClip cutShort(Utterance u, int piece, int sampleRate, long now, AtomicBoolean dropped) {
        return new SpeechClip(u, new Pcm(new float[0], sampleRate), piece, true, true, now, now, dropped);
    }
}
