package dev.streamtts.onnx;

import dev.streamtts.onnx.OnnxModel.Graph;
import dev.streamtts.onnx.OnnxModel.Node;
import dev.streamtts.onnx.OnnxModel.Tensor;
import dev.streamtts.onnx.OnnxModel.ValueInfo;
import dev.streamtts.onnx.ProtoFile.Field;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a copy of an ONNX model whose output {@code name} keeps only some entries of its last axis.
 * From the node that produces the output (through {@code If} branches, {@code Cast}, {@code Identity} and
 * elementwise arithmetic) back to the projection that makes it ({@code MatMul}, {@code MatMulInteger},
 * {@code Gemm}, ONNX Runtime's fused quantized matmuls), every constant as wide as the output (the
 * projection's weight; a bias; per-column scales and zero points) is cut to the kept columns, and the
 * shapes declared along the way get the new width. Everything else is copied byte for byte, fields this
 * reader does not know included. Anything unexpected on that path (another operator, a weight that is
 * computed, a constant also used elsewhere) is refused with {@link Unsupported}, never guessed at.
 *
 * <p>Weights in external data files (models over 2 GB) are read from there; the cut ones are written into
 * the new file, the others stay where they are, so the new file must go in the same folder.
 */
public final class OutputSlicer {
    private static final Set<String> ELEMENTWISE = Set.of("Add", "Sub", "Mul", "Div");
    private static final int BLOCK = 8 << 20;

    /** The model cannot be cut this way; the message says why. */
    public static final class Unsupported extends IOException {
        Unsupported(String message) {
            super(message);
        }
    }

    /**
     * @param bytes  size of the file written
     * @param sliced the constants that were cut, "name [dims]" before the cut
     */
    public record Result(long bytes, List<String> sliced) {
    }

    private final OnnxModel model;
    private final int width;
    private final int[] keep;
    private final Map<Long, Slice> slices = new LinkedHashMap<>();
    private final Set<Long> chain = new HashSet<>();
    /** The values on the way to the output, per graph (graphs compare by identity). */
    private final Map<Graph, Set<String>> chainValues = new IdentityHashMap<>();
    private final List<FileChannel> opened = new ArrayList<>();
    private int projections;

    private record Slice(Tensor tensor, int axis) {
    }

    private OutputSlicer(OnnxModel model, int width, int[] keep) {
        this.model = model;
        this.width = width;
        this.keep = keep;
    }

    /**
     * @param width    the output's full width (its last dimension)
     * @param keep     the columns to keep, ascending, each in {@code [0, width)}
     * @param metadata entries added to the new file's metadata_props
     */
    public static Result write(Path source, Path target, String output, int width, int[] keep,
                               Map<String, String> metadata) throws IOException {
        for (int i = 0; i < keep.length; i++) {
            if (keep[i] < 0 || keep[i] >= width || (i > 0 && keep[i] <= keep[i - 1])) {
                throw new IllegalArgumentException("columns must ascend within [0, " + width + ")");
            }
        }
        try (ProtoFile file = new ProtoFile(source)) {
            OutputSlicer slicer = new OutputSlicer(OnnxModel.read(file), width, keep);
            slicer.plan(output);
            if (slicer.anyExternal() && !source.toAbsolutePath().getParent().equals(target.toAbsolutePath().getParent())) {
                throw new Unsupported("its weights are in external data files: the new file must be written beside it");
            }
            try {
                return slicer.writeTo(target, metadata);
            } finally {
                for (FileChannel c : slicer.opened) {
                    c.close();
                }
            }
        }
    }

    /** The metadata_props of an ONNX file, read without parsing its graph. */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (ProtoFile f = new ProtoFile(file)) {
            return OnnxModel.metadata(f);
        }
    }

    // ---- which constants -------------------------------------------------------------------------------

    private void plan(String output) throws IOException {
        Graph g = model.graph;
        if (g.outputs.stream().noneMatch(v -> v.name().equals(output))) {
            throw new Unsupported("it has no output '" + output + "'");
        }
        walk(g, output);
        if (projections == 0) {
            throw new Unsupported("no MatMul, MatMulInteger or Gemm makes '" + output + "'");
        }
        checkNotSharedWithOtherNodes(g);
    }

    private void walk(Graph g, String value) throws IOException {
        if (!chainValues.computeIfAbsent(g, k -> new HashSet<>()).add(value)) {
            return;
        }
        Node node = g.producers.get(value);
        if (node == null) {
            throw new Unsupported("'" + value + "', on the way to the output, is not computed in its graph");
        }
        chain.add(node.field().start());
        String op = node.domain().isEmpty() || node.domain().equals("ai.onnx") ? node.op()
                : node.domain() + "." + node.op();
        switch (op) {
            case "If" -> {
                int index = node.outputs().indexOf(value);
                if (node.graphs().isEmpty()) {
                    throw new Unsupported(node.describe() + " has no branches");
                }
                for (Graph branch : node.graphs().values()) {
                    if (index >= branch.outputs.size()) {
                        throw new Unsupported(node.describe() + " has a branch with too few outputs");
                    }
                    walk(branch, branch.outputs.get(index).name());
                }
            }
            case "Cast", "Identity" -> walk(g, node.inputs().get(0));
            case "Add", "Sub", "Mul", "Div" -> {
                for (String in : node.inputs()) {
                    if (isConstant(g, in)) {
                        sliceIfWide(g, in, node);
                    } else {
                        walk(g, in);
                    }
                }
            }
            case "DynamicQuantizeLinear" -> {
                // Its scale and zero point are scalars; its quantized tensor only feeds a matmul's left side.
                if (node.outputs().indexOf(value) == 0) {
                    throw new Unsupported(node.describe() + " quantizes a value as wide as the output");
                }
            }
            case "MatMul", "MatMulInteger" -> projection(g, node, node.inputs().get(1), -1, inputs(node, 3));
            case "Gemm" -> projection(g, node, node.inputs().get(1), node.ints().getOrDefault("transB", 0L) == 1 ? 0 : -1,
                    inputs(node, 2));
            case "com.microsoft.FusedMatMul" -> projection(g, node, node.inputs().get(1),
                    node.ints().getOrDefault("transB", 0L) == 1 ? -2 : -1, List.of());
            case "com.microsoft.MatMulIntegerToFloat" -> projection(g, node, node.inputs().get(1), -1, inputs(node, 3, 5, 6));
            case "com.microsoft.DynamicQuantizeMatMul" -> projection(g, node, node.inputs().get(1), -1, inputs(node, 2, 3, 4));
            default -> throw new Unsupported("'" + value + "' comes from a " + node.describe()
                    + ", which this rewrite does not know how to cut");
        }
    }

    private static List<String> inputs(Node node, int... indices) {
        List<String> out = new ArrayList<>();
        for (int i : indices) {
            if (i < node.inputs().size() && !node.inputs().get(i).isEmpty()) {
                out.add(node.inputs().get(i));
            }
        }
        return out;
    }

    /** A projection to the output's width: its weight is cut along {@code axis}, its per-column extras too. */
    private void projection(Graph g, Node node, String weight, int axis, List<String> perColumn) throws IOException {
        Tensor w = constant(g, weight, node);
        if (w.dims().length < 2) {
            throw new Unsupported("the weight '" + weight + "' of " + node.describe() + " is not a matrix");
        }
        int a = axis < 0 ? w.dims().length + axis : axis;
        if (w.dims()[a] != width) {
            throw new Unsupported("the weight '" + weight + "' of " + node.describe() + " has shape "
                    + Arrays.toString(w.dims()) + ", not " + width + " wide");
        }
        addSlice(w, a);
        for (String extra : perColumn) {
            sliceIfWide(g, extra, node);
        }
        projections++;
    }

    private void sliceIfWide(Graph g, String name, Node user) throws IOException {
        Tensor t = constant(g, name, user);
        long[] dims = t.dims();
        if (dims.length == 0 || dims[dims.length - 1] == 1) {
            return; // broadcast over the output's columns: stays as it is
        }
        if (dims[dims.length - 1] != width) {
            throw new Unsupported("the constant '" + name + "' of " + user.describe() + " has shape "
                    + Arrays.toString(dims) + ", which does not broadcast along " + width + " columns");
        }
        addSlice(t, dims.length - 1);
    }

    private void addSlice(Tensor t, int axis) throws IOException {
        Slice before = slices.putIfAbsent(t.field().start(), new Slice(t, axis));
        if (before != null && before.axis() != axis) {
            throw new Unsupported("the constant '" + t.name() + "' would be cut along two axes");
        }
        if (OnnxModel.elementSize(t.dataType()) == 0) {
            throw new Unsupported("the constant '" + t.name() + "' has data type " + t.dataType()
                    + ", which this rewrite does not cut");
        }
    }

    private static boolean isConstant(Graph g, String name) {
        return g.initializer(name) != null || g.constant(name) != null;
    }

    private static Tensor constant(Graph g, String name, Node user) throws IOException {
        Tensor t = g.initializer(name);
        if (t != null) {
            return t;
        }
        Node c = g.constant(name);
        if (c != null && c.value() != null) {
            long[] dims = c.value().dims();
            if (dims.length == 0 || dims[dims.length - 1] == 1) {
                return c.value();
            }
            throw new Unsupported("'" + name + "' of " + user.describe() + " is a Constant node's value, which this "
                    + "rewrite does not cut");
        }
        throw new Unsupported("'" + name + "' of " + user.describe() + " is not a stored constant");
    }

    /** A cut constant used by any node off the path (a tied embedding, say) would break that node. */
    private void checkNotSharedWithOtherNodes(Graph g) throws IOException {
        for (Node n : g.nodes) {
            if (!chain.contains(n.field().start())) {
                for (String in : n.inputs()) {
                    Tensor t = in.isEmpty() ? null : g.initializer(in);
                    if (t != null && slices.containsKey(t.field().start())) {
                        throw new Unsupported("the constant '" + in + "' is also used by " + n.describe());
                    }
                }
            }
            for (Graph sub : n.graphs().values()) {
                checkNotSharedWithOtherNodes(sub);
            }
        }
        for (ValueInfo out : g.outputs) {
            Tensor t = g.initializer(out.name());
            if (t != null && slices.containsKey(t.field().start())) {
                throw new Unsupported("the constant '" + out.name() + "' is also a graph output");
            }
        }
    }

    private boolean anyExternal() {
        return anyExternal(model.graph);
    }

    private static boolean anyExternal(Graph g) {
        if (g.initializers.values().stream().anyMatch(Tensor::isExternal)) {
            return true;
        }
        for (Node n : g.nodes) {
            for (Graph sub : n.graphs().values()) {
                if (anyExternal(sub)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- the new file --------------------------------------------------------------------------------

    /** Replacements for message payloads, by where the payload starts. */
    private final TreeMap<Long, Edit> edits = new TreeMap<>();

    private record Edit(long end, Chunk chunk) {
    }

    private Result writeTo(Path target, Map<String, String> metadata) throws IOException {
        List<String> sliced = new ArrayList<>();
        for (Slice s : slices.values()) {
            edits.put(s.tensor().field().start(), new Edit(s.tensor().field().end(), slicedTensor(s)));
            sliced.add(s.tensor().name() + " " + Arrays.toString(s.tensor().dims()));
            for (ValueInfo v : s.tensor().graph().declared()) {
                if (v.name().equals(s.tensor().name())) {
                    patchDim(v, s.axis());
                }
            }
        }
        for (Map.Entry<Graph, Set<String>> e : chainValues.entrySet()) {
            for (ValueInfo v : e.getKey().declared()) {
                if (e.getValue().contains(v.name()) && !v.dims().isEmpty()) {
                    patchDim(v, v.dims().size() - 1);
                }
            }
        }
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            lengthDelimited(entry, OnnxModel.ENTRY_KEY, e.getKey().getBytes(StandardCharsets.UTF_8));
            lengthDelimited(entry, OnnxModel.ENTRY_VALUE, e.getValue().getBytes(StandardCharsets.UTF_8));
            lengthDelimited(meta, OnnxModel.MODEL_METADATA, entry.toByteArray());
        }
        List<Chunk> whole = new ArrayList<>();
        whole.add(rewrite(0, model.file.size()));
        whole.add(new Bytes(meta.toByteArray()));
        Chunk file = new Composite(whole);
        if (file.size() > Integer.MAX_VALUE) {
            throw new Unsupported("the new file would be over 2 GB, more than one ONNX file can hold");
        }
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             Out o = new Out(out)) {
            file.write(o);
            o.flush();
            out.force(true);
        }
        return new Result(file.size(), sliced);
    }

    /** Dimension {@code index} of a declared shape to the kept width, when it is declared as the full width. */
    private void patchDim(ValueInfo v, int index) throws IOException {
        if (index >= v.dims().size() || v.dimValues().get(index) != width) {
            return;
        }
        Field dim = v.dims().get(index);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        tag(b, OnnxModel.DIM_VALUE, ProtoFile.VARINT);
        varint(b, keep.length);
        for (Field f : model.file.fields(dim.start(), dim.end())) {
            if (f.number() != OnnxModel.DIM_VALUE && f.number() != 2) {
                b.write(model.file.bytes(f.tag(), Math.toIntExact(f.end() - f.tag())));
            }
        }
        edits.put(dim.start(), new Edit(dim.end(), new Bytes(b.toByteArray())));
    }

    /** The message in {@code [start, end)} with its edits applied: verbatim where nothing inside changed. */
    private Chunk rewrite(long start, long end) throws IOException {
        Edit exact = edits.get(start);
        if (exact != null && exact.end() == end) {
            return exact.chunk();
        }
        Long next = edits.ceilingKey(start);
        if (next == null || next >= end) {
            return new Verbatim(start, end);
        }
        List<Chunk> parts = new ArrayList<>();
        long copyFrom = -1;
        for (Field f : model.file.fields(start, end)) {
            Long inside = f.wireType() == ProtoFile.LEN ? edits.ceilingKey(f.start()) : null;
            if (inside != null && inside < f.end()) {
                if (copyFrom >= 0) {
                    parts.add(new Verbatim(copyFrom, f.tag()));
                    copyFrom = -1;
                }
                Chunk inner = rewrite(f.start(), f.end());
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                tag(head, f.number(), ProtoFile.LEN);
                varint(head, inner.size());
                parts.add(new Bytes(head.toByteArray()));
                parts.add(inner);
            } else if (copyFrom < 0) {
                copyFrom = f.tag();
            }
        }
        if (copyFrom >= 0) {
            parts.add(new Verbatim(copyFrom, end));
        }
        return new Composite(parts);
    }

    /** The tensor with the kept columns only, its data as raw_data (from raw, typed or external data). */
    private Chunk slicedTensor(Slice s) throws IOException {
        Tensor t = s.tensor();
        int es = OnnxModel.elementSize(t.dataType());
        long[] dims = t.dims().clone();
        dims[s.axis()] = keep.length;
        long outer = 1;
        for (int i = 0; i < s.axis(); i++) {
            outer *= t.dims()[i];
        }
        long inner = es;
        for (int i = s.axis() + 1; i < t.dims().length; i++) {
            inner *= t.dims()[i];
        }
        Source data = source(t, es);
        long size = outer * keep.length * inner;
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (long d : dims) {
            tag(head, OnnxModel.TENSOR_DIMS, ProtoFile.VARINT);
            varint(head, d);
        }
        Set<Integer> dropped = Set.of(OnnxModel.TENSOR_DIMS, OnnxModel.TENSOR_FLOAT_DATA, OnnxModel.TENSOR_INT32_DATA,
                OnnxModel.TENSOR_INT64_DATA, OnnxModel.TENSOR_DOUBLE_DATA, OnnxModel.TENSOR_UINT64_DATA,
                OnnxModel.TENSOR_RAW_DATA, OnnxModel.TENSOR_EXTERNAL_DATA, OnnxModel.TENSOR_DATA_LOCATION,
                OnnxModel.TENSOR_SEGMENT);
        for (Field f : model.file.fields(t.field().start(), t.field().end())) {
            if (!dropped.contains(f.number())) {
                head.write(model.file.bytes(f.tag(), Math.toIntExact(f.end() - f.tag())));
            }
        }
        tag(head, OnnxModel.TENSOR_RAW_DATA, ProtoFile.LEN);
        varint(head, size);
        long n = t.dims()[s.axis()];
        long finalOuter = outer;
        long finalInner = inner;
        Chunk body = new Generated(size, out -> copyColumns(data, finalOuter, n, finalInner, out));
        return new Composite(List.of(new Bytes(head.toByteArray()), body));
    }

    private void copyColumns(Source data, long outer, long n, long inner, Out out) throws IOException {
        long row = n * inner;
        if (row <= BLOCK && (long) keep.length * inner <= BLOCK) {
            ByteBuffer block = ByteBuffer.allocate((int) row);
            byte[] kept = new byte[(int) (keep.length * inner)];
            int width = (int) inner;
            for (long o = 0; o < outer; o++) {
                block.clear();
                data.read(o * row, block);
                byte[] b = block.array();
                for (int j = 0; j < keep.length; j++) {
                    System.arraycopy(b, keep[j] * width, kept, j * width, width);
                }
                out.write(ByteBuffer.wrap(kept));
            }
            return;
        }
        // Rows too big to hold: runs of adjacent kept columns, read and written a block at a time.
        for (long o = 0; o < outer; o++) {
            int j = 0;
            while (j < keep.length) {
                int k = j + 1;
                while (k < keep.length && keep[k] == keep[k - 1] + 1) {
                    k++;
                }
                long from = o * row + keep[j] * inner;
                long length = (k - j) * inner;
                while (length > 0) {
                    int part = (int) Math.min(length, BLOCK);
                    ByteBuffer buf = ByteBuffer.allocate(part);
                    data.read(from, buf);
                    buf.flip();
                    out.write(buf);
                    from += part;
                    length -= part;
                }
                j = k;
            }
        }
    }

    // ---- where a tensor's data is ---------------------------------------------------------------------

    private interface Source {
        void read(long position, ByteBuffer into) throws IOException;
    }

    private Source source(Tensor t, int es) throws IOException {
        long bytes = t.elements() * es;
        if (t.isExternal()) {
            String location = t.external().get("location");
            if (location == null || location.isEmpty()) {
                throw new Unsupported("the constant '" + t.name() + "' is external but names no file");
            }
            Path file = model.file.path().toAbsolutePath().getParent().resolve(location);
            long offset = Long.parseLong(t.external().getOrDefault("offset", "0"));
            long length;
            long fileSize;
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
                fileSize = c.size();
            } catch (IOException e) {
                throw new Unsupported("the external data file " + file + " of '" + t.name() + "' cannot be read ("
                        + e.getMessage() + ")");
            }
            length = t.external().containsKey("length") ? Long.parseLong(t.external().get("length")) : fileSize - offset;
            if (length != bytes || offset + length > fileSize) {
                throw new Unsupported("the external data of '" + t.name() + "' in " + file + " is " + length
                        + " bytes at " + offset + " (the file has " + fileSize + "), not the " + bytes + " its shape needs");
            }
            FileChannel c = FileChannel.open(file, StandardOpenOption.READ);
            opened.add(c);
            return (position, into) -> {
                long p = offset + position;
                while (into.hasRemaining()) {
                    int n = c.read(into, p);
                    if (n < 0) {
                        throw new IOException(file + " ended early");
                    }
                    p += n;
                }
            };
        }
        if (t.raw() != null) {
            if (t.raw().length() != bytes) {
                throw new Unsupported("the constant '" + t.name() + "' holds " + t.raw().length()
                        + " bytes, not the " + bytes + " its shape needs");
            }
            long base = t.raw().start();
            return (position, into) -> model.file.read(base + position, into);
        }
        byte[] decoded = typed(t, es);
        if (decoded.length != bytes) {
            throw new Unsupported("the constant '" + t.name() + "' holds " + decoded.length / es
                    + " values, not the " + t.elements() + " its shape needs");
        }
        return (position, into) -> into.put(decoded, (int) position, into.remaining());
    }

    /** Typed data fields (float_data, int32_data, ...) as little-endian raw bytes. */
    private byte[] typed(Tensor t, int es) throws IOException {
        if (t.elements() * es > Integer.MAX_VALUE) {
            throw new Unsupported("the constant '" + t.name() + "' is too big to be held in typed fields");
        }
        ByteBuffer out = ByteBuffer.allocate((int) (t.elements() * es)).order(ByteOrder.LITTLE_ENDIAN);
        for (Field f : t.typed()) {
            switch (f.number()) {
                case OnnxModel.TENSOR_FLOAT_DATA -> {
                    if (f.wireType() == ProtoFile.FIXED32) {
                        putChecked(out, 4).putInt((int) f.value());
                    } else {
                        byte[] b = model.file.bytes(f.start(), Math.toIntExact(f.length()));
                        putChecked(out, b.length).put(b);
                    }
                }
                case OnnxModel.TENSOR_DOUBLE_DATA -> {
                    if (f.wireType() == ProtoFile.FIXED64) {
                        putChecked(out, 8).putLong(f.value());
                    } else {
                        byte[] b = model.file.bytes(f.start(), Math.toIntExact(f.length()));
                        putChecked(out, b.length).put(b);
                    }
                }
                case OnnxModel.TENSOR_INT32_DATA, OnnxModel.TENSOR_INT64_DATA, OnnxModel.TENSOR_UINT64_DATA -> {
                    List<Long> values = new ArrayList<>();
                    model.file.varints(f, values);
                    for (long v : values) {
                        putChecked(out, es);
                        switch (es) {
                            case 1 -> out.put((byte) v);
                            case 2 -> out.putShort((short) v);
                            case 4 -> out.putInt((int) v);
                            default -> out.putLong(v);
                        }
                    }
                }
                default -> throw new Unsupported("the constant '" + t.name() + "' holds strings");
            }
        }
        if (out.hasRemaining()) {
            throw new Unsupported("the constant '" + t.name() + "' holds " + out.position() / es
                    + " values, not the " + t.elements() + " its shape needs");
        }
        return out.array();
    }

    private static ByteBuffer putChecked(ByteBuffer b, int bytes) throws Unsupported {
        if (b.remaining() < bytes) {
            throw new Unsupported("a constant holds more values than its shape");
        }
        return b;
    }

    // ---- writing --------------------------------------------------------------------------------------

    /** Part of the new file. */
    private interface Chunk {
        long size();

        void write(Out out) throws IOException;
    }

    private final class Verbatim implements Chunk {
        final long start;
        final long end;

        Verbatim(long start, long end) {
            this.start = start;
            this.end = end;
        }

        @Override
        public long size() {
            return end - start;
        }

        @Override
        public void write(Out out) throws IOException {
            out.transfer(model.file.channel(), start, end - start);
        }
    }

    private record Bytes(byte[] bytes) implements Chunk {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void write(Out out) throws IOException {
            out.write(ByteBuffer.wrap(bytes));
        }
    }

    private record Composite(List<Chunk> parts) implements Chunk {
        @Override
        public long size() {
            long n = 0;
            for (Chunk c : parts) {
                n += c.size();
            }
            return n;
        }

        @Override
        public void write(Out out) throws IOException {
            for (Chunk c : parts) {
                c.write(out);
            }
        }
    }

    private interface Body {
        void write(Out out) throws IOException;
    }

    private record Generated(long size, Body body) implements Chunk {
        @Override
        public void write(Out out) throws IOException {
            long before = out.written();
            body.write(out);
            if (out.written() - before != size) {
                throw new IOException("wrote " + (out.written() - before) + " bytes of a tensor of " + size);
            }
        }
    }

    /** A buffered file writer that can also copy ranges of another file without reading them into Java. */
    private static final class Out implements AutoCloseable {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        private long written;

        Out(FileChannel channel) {
            this.channel = channel;
        }

        long written() {
            return written + buffer.position();
        }

        void write(ByteBuffer b) throws IOException {
            if (b.remaining() > buffer.remaining()) {
                flush();
                if (b.remaining() > buffer.capacity()) {
                    written += b.remaining();
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                    return;
                }
            }
            buffer.put(b);
        }

        void transfer(FileChannel from, long position, long count) throws IOException {
            flush();
            long done = 0;
            while (done < count) {
                long n = from.transferTo(position + done, count - done, channel);
                if (n <= 0) {
                    throw new IOException("copying from the model file stopped at byte " + (position + done));
                }
                done += n;
            }
            written += count;
        }

        void flush() throws IOException {
            buffer.flip();
            written += buffer.remaining();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static void tag(ByteArrayOutputStream out, int number, int wireType) {
        varint(out, ((long) number << 3) | wireType);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void lengthDelimited(ByteArrayOutputStream out, int number, byte[] payload) {
        tag(out, number, ProtoFile.LEN);
        varint(out, payload.length);
        out.write(payload, 0, payload.length);
    }
}
