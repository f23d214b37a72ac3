package dev.streamtts.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The smallest useful ONNX model, {@code y = Relu(x)} on one float, written out in ONNX's protobuf
 * encoding (onnx.proto field numbers in the comments): what {@link OnnxSessions#probe} opens to learn
 * whether an execution provider can start on this machine without loading a real model.
 */
final class ProbeModel {
    private static final int FLOAT = 1; // TensorProto.DataType.FLOAT
    private static final int IR_VERSION = 8;
    private static final int OPSET = 13;

    private ProbeModel() {
    }

    static byte[] bytes() {
        byte[] shape = message(1, varint(1, 1)); // TensorShapeProto.dim { dim_value: 1 }
        byte[] tensor = concat(varint(1, FLOAT), message(2, shape)); // TypeProto.Tensor { elem_type, shape }
        byte[] type = message(1, tensor); // TypeProto { tensor_type }
        byte[] x = concat(string(1, "x"), message(2, type)); // ValueInfoProto { name, type }
        byte[] y = concat(string(1, "y"), message(2, type));
        byte[] node = concat(string(1, "x"), string(2, "y"), string(4, "Relu")); // NodeProto { input, output, op_type }
        byte[] graph = concat(message(1, node), string(2, "probe"), message(11, x), message(12, y));
        byte[] opset = varint(2, OPSET); // OperatorSetIdProto { version } (domain: the default one)
        return concat(varint(1, IR_VERSION), message(7, graph), message(8, opset)); // ModelProto
    }

    private static byte[] varint(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, (long) field << 3);
        writeVarint(out, value);
        return out.toByteArray();
    }

    private static byte[] string(int field, String value) {
        return message(field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] message(int field, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, ((long) field << 3) | 2); // wire type 2: length-delimited
        writeVarint(out, body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
