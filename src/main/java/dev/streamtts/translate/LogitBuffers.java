package dev.streamtts.translate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayDeque;

/**
 * Direct buffers that ONNX Runtime writes the decoder's logits into, reused from sentence to sentence. A
 * direct buffer is freed only when the garbage collector gets to its owner; a new one of 1 MB per row
 * (NLLB's 256,206-token vocabulary) for every sentence, tenured before it died, made resident memory
 * of the full-size soak grow by about 1 MB a sentence.
 */
final class LogitBuffers {
    private final ArrayDeque<FloatBuffer> free = new ArrayDeque<>();
    private int allocated;

    /** A buffer of exactly {@code floats} floats from position 0; give it back when the decoding ends. */
    synchronized FloatBuffer take(int floats) {
        FloatBuffer b = free.pollFirst();
        if (b == null || b.capacity() < floats) {
            b = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            allocated++;
        }
        return b.clear().limit(floats).slice();
    }

    synchronized void giveBack(FloatBuffer b) {
        if (free.size() < 2) { // one per decoding running at once: in practice one
            free.addFirst(b);
        }
    }

    /** How many buffers were ever made (for tests). */
    synchronized int allocated() {
        return allocated;
    }
}
