package dev.streamtts.tts.kokoro;

import dev.streamtts.models.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A Kokoro voice: a table of 510 style vectors of 256 floats, one per input length (row n is used for
 * n phonemes). Read from a raw little-endian float32 file ({@code voices/NAME.bin}, as published for
 * transformers.js) or from an entry of a numpy {@code .npz} archive ({@code voices-v1.0.bin}).
 */
public final class VoiceStyles {
    public static final int ROWS = 510;
    public static final int DIM = 256;
    private static final long BYTES = (long) ROWS * DIM * 4;
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+),\\s*(\\d+)\\)");

    private final float[] table;

    private VoiceStyles(float[] table) {
        this.table = table;
    }

    /** The style for {@code phonemes} phonemes: row n, the last row for longer inputs. */
    public float[] forLength(int phonemes) {
        int row = Math.max(0, Math.min(phonemes, ROWS - 1));
        float[] style = new float[DIM];
        System.arraycopy(table, row * DIM, style, 0, DIM);
        return style;
    }

    /** A raw {@code NAME.bin}. */
    public static VoiceStyles raw(Path file) throws ModelException {
        try {
            long size = Files.size(file);
            if (size != BYTES) {
                throw new ModelException(file + ": " + size + " bytes, a Kokoro voice has " + BYTES
                        + " (510 × 256 float32); the file is incomplete or not a voice");
            }
            return new VoiceStyles(floats(Files.readAllBytes(file), 0));
        } catch (IOException e) {
            throw new ModelException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The entry {@code NAME.npy} of a numpy archive. */
    public static VoiceStyles npz(Path file, String name) throws ModelException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(name + ".npy");
            if (entry == null) {
                throw new ModelException(file + ": has no voice '" + name + "'");
            }
            byte[] npy;
            try (InputStream in = zip.getInputStream(entry)) {
                npy = in.readAllBytes();
            }
            return new VoiceStyles(npyFloats(npy, file + ":" + name));
        } catch (IOException e) {
            throw new ModelException(file + ": not a readable voices archive (" + e.getMessage() + ")", e);
        }
    }

    /** Voice names inside a numpy archive. */
    public static List<String> npzNames(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".npy"))
                    .forEach(n -> names.add(n.substring(0, n.length() - 4)));
        }
        return names;
    }

    /** Parses a .npy v1/v2 file holding float32 little-endian [510, 1, 256]. */
    private static float[] npyFloats(byte[] npy, String where) throws ModelException {
        if (npy.length < 12 || npy[0] != (byte) 0x93 || !new String(npy, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new ModelException(where + ": not a numpy array");
        }
        int major = npy[6];
        ByteBuffer b = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
        int dataStart = (major == 1 ? 10 : 12) + headerLength;
        String header = new String(npy, major == 1 ? 10 : 12, headerLength, StandardCharsets.US_ASCII);
        Matcher shape = SHAPE.matcher(header);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True") || !shape.find()
                || Integer.parseInt(shape.group(1)) != ROWS || Integer.parseInt(shape.group(3)) != DIM
                || (long) npy.length - dataStart != BYTES) {
            throw new ModelException(where + ": expected float32 (510, 1, 256), found " + header.strip());
        }
        return floats(npy, dataStart);
    }

    private static float[] floats(byte[] bytes, int offset) {
        float[] out = new float[ROWS * DIM];
        ByteBuffer.wrap(bytes, offset, out.length * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
