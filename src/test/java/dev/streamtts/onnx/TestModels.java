package dev.streamtts.onnx;

import static dev.streamtts.onnx.Proto.concat;
import static dev.streamtts.onnx.Proto.message;
import static dev.streamtts.onnx.Proto.string;
import static dev.streamtts.onnx.Proto.varint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Small ONNX models written field by field (onnx.proto numbers), for the tests of {@link OutputSlicer}. */
final class TestModels {
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;

    private TestModels() {
    }

    /** A graph under construction. */
    static final class Graph {
        private final List<byte[]> nodes = new ArrayList<>();
        private final List<byte[]> initializers = new ArrayList<>();
        private final List<byte[]> inputs = new ArrayList<>();
        private final List<byte[]> outputs = new ArrayList<>();

        Graph node(String op, List<String> in, List<String> out, byte[]... attributes) {
            ByteArrayOutputStream n = new ByteArrayOutputStream();
            in.forEach(i -> n.writeBytes(string(1, i)));
            out.forEach(o -> n.writeBytes(string(2, o)));
            n.writeBytes(string(3, op + "_" + nodes.size()));
            n.writeBytes(string(4, op));
            for (byte[] a : attributes) {
                n.writeBytes(message(5, a));
            }
            nodes.add(n.toByteArray());
            return this;
        }

        Graph initializer(byte[] tensor) {
            initializers.add(tensor);
            return this;
        }

        Graph input(String name, int type, Object... dims) {
            inputs.add(valueInfo(name, type, dims));
            return this;
        }

        Graph output(String name, int type, Object... dims) {
            outputs.add(valueInfo(name, type, dims));
            return this;
        }

        byte[] model() {
            ByteArrayOutputStream g = new ByteArrayOutputStream();
            nodes.forEach(n -> g.writeBytes(message(1, n)));
            g.writeBytes(string(2, "test"));
            initializers.forEach(t -> g.writeBytes(message(5, t)));
            inputs.forEach(i -> g.writeBytes(message(11, i)));
            outputs.forEach(o -> g.writeBytes(message(12, o)));
            return concat(varint(1, 8), string(2, "stream-tts test"), message(7, g.toByteArray()),
                    message(8, varint(2, 17)));
        }
    }

    /** An int attribute. */
    static byte[] intAttribute(String name, long value) {
        return concat(string(1, name), varint(3, value), varint(20, 2));
    }

    /** A tensor with its data in raw_data. */
    static byte[] raw(String name, int type, long[] dims, byte[] data) {
        return concat(dims(dims), varint(2, type), string(8, name), message(9, data));
    }

    /** A float tensor with its data in the typed float_data field (packed). */
    static byte[] typedFloats(String name, long[] dims, float[] values) {
        return concat(dims(dims), varint(2, FLOAT), message(4, floats(values)), string(8, name));
    }

    /** A tensor whose data is in another file. */
    static byte[] external(String name, int type, long[] dims, String location, long offset, long length) {
        return concat(dims(dims), varint(2, type), string(8, name),
                message(13, concat(string(1, "location"), string(2, location))),
                message(13, concat(string(1, "offset"), string(2, Long.toString(offset)))),
                message(13, concat(string(1, "length"), string(2, Long.toString(length)))),
                varint(14, 1));
    }

    static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static byte[] dims(long[] dims) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long d : dims) {
            out.writeBytes(varint(1, d));
        }
        return out.toByteArray();
    }

    private static byte[] valueInfo(String name, int type, Object... dims) {
        ByteArrayOutputStream shape = new ByteArrayOutputStream();
        for (Object d : dims) {
            shape.writeBytes(message(1, d instanceof String s ? string(2, s) : varint(1, ((Number) d).longValue())));
        }
        byte[] tensor = concat(varint(1, type), message(2, shape.toByteArray()));
        return concat(string(1, name), message(2, message(1, tensor)));
    }
}
