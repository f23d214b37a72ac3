package dev.streamtts.translate;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;

/**
 * How output tokens are chosen once the encoder ran: {@link Greedy} or {@link BeamSearch}. The decoder's
 * logits columns are mapped to token ids through the decoder, since a shortlisted one computes only some.
 */
interface Decoding {
    /**
     * Decodes every sentence of the batch.
     *
     * @param hidden    the encoder output, one row per sentence
     * @param mask      the encoder attention mask
     * @param forcedBos the target language's token id, forced as the first generated token
     * @param limits    per sentence the most tokens it may have, decoder start token included
     * @return per sentence the generated ids, starting with the decoder start token (as generate() returns them)
     */
    long[][] decode(NllbDecoder decoder, OnnxTensor hidden, OnnxTensor mask, long forcedBos, int[] limits)
            throws OrtException;
}
