package dev.streamtts.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Protobuf wire format written by hand, for building ONNX files field by field in tests. */
final class Proto {
    private Proto() {
    }

    static byte[] varint(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        raw(out, (long) field << 3);
        raw(out, value);
        return out.toByteArray();
    }

    static byte[] string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] message(int field, byte[]... parts) {
        return bytes(field, concat(parts));
    }

    static byte[] bytes(int field, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        raw(out, ((long) field << 3) | 2);
        raw(out, body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] fixed32(int field, int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        raw(out, ((long) field << 3) | 5);
        for (int i = 0; i < 4; i++) {
            out.write((value >>> (8 * i)) & 0xFF);
        }
        return out.toByteArray();
    }

    static byte[] fixed64(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        raw(out, ((long) field << 3) | 1);
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
        return out.toByteArray();
    }

    static void raw(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
