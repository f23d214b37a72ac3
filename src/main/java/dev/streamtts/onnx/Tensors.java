package dev.streamtts.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/** Small constructors for the input tensors the models take. Callers close what they create. */
public final class Tensors {
    private Tensors() {
    }

    public static OnnxTensor longs(long[] data, long... shape) throws OrtException {
        return OnnxTensor.createTensor(OnnxSessions.environment(), LongBuffer.wrap(data), shape);
    }

    /** Rows of equal length as a [rows, columns] int64 tensor. */
    public static OnnxTensor longs(long[][] rows) throws OrtException {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        long[] flat = new long[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * columns, columns);
        }
        return longs(flat, rows.length, columns);
    }

    public static OnnxTensor floats(float[] data, long... shape) throws OrtException {
        return OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(data), shape);
    }

    /** A float tensor over a direct buffer the caller keeps (ONNX Runtime uses it in place). */
    public static OnnxTensor floats(FloatBuffer direct, long... shape) throws OrtException {
        return OnnxTensor.createTensor(OnnxSessions.environment(), direct, shape);
    }

    /** A float tensor with a zero-size dimension (an empty KV cache). */
    public static OnnxTensor emptyFloats(long... shape) throws OrtException {
        return OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.allocate(0), shape);
    }

    public static OnnxTensor bool(boolean value) throws OrtException {
        return OnnxTensor.createTensor(OnnxSessions.environment(), new boolean[] {value});
    }
}
