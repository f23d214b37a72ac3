package dev.streamtts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the golden waveforms the fixture scripts write with numpy.save (scripts/golden_files.py): format
 * 1.0, one little-endian float32 array in C order. Anything else is refused, so a golden written some
 * other way fails loudly instead of being misread.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '<f4', 'fortran_order': False, 'shape': \\((\\d+),?\\), }\\s*");

    private Npy() {
    }

    /** The samples of a one-dimensional float32 .npy file. */
    public static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        for (byte m : MAGIC) {
            if (b.remaining() == 0 || b.get() != m) {
                throw new IOException(file + ": not a version 1.0 .npy file");
            }
        }
        int headerLength = Short.toUnsignedInt(b.getShort());
        if (headerLength > b.remaining()) {
            throw new IOException(file + ": header runs past the end");
        }
        byte[] header = new byte[headerLength];
        b.get(header);
        String text = new String(header, StandardCharsets.US_ASCII);
        Matcher m = HEADER.matcher(text);
        if (!m.matches()) {
            throw new IOException(file + ": expected a 1-D '<f4' array in C order, header " + text.strip());
        }
        long n = Long.parseLong(m.group(1));
        if (n * Float.BYTES != b.remaining()) {
            throw new IOException(file + ": shape (" + n + ",) but " + b.remaining() + " data bytes");
        }
        float[] out = new float[(int) n];
        b.asFloatBuffer().get(out);
        return out;
    }
}
