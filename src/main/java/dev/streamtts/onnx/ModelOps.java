package dev.streamtts.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operators an ONNX model is made of, read from the file itself ({@code onnx.proto}: ModelProto.graph
 * → GraphProto.node → NodeProto.op_type and domain, and the If / Loop / Scan bodies in NodeProto.attribute
 * → AttributeProto.g / graphs) without loading it: initializers and tensor attributes are skipped over,
 * so a 2 GB model costs a few reads. Operators of the default ONNX domain are named as they are
 * ("MatMul"), others with their domain ("com.microsoft:QuickGelu").
 *
 * @param graph     count of each operator in the main graph
 * @param subgraphs count of each operator inside If / Loop / Scan bodies, at any depth
 * @param opsets    the model's opset_import: domain ("" for the default one) → version
 */
record ModelOps(Map<String, Integer> graph, Map<String, Integer> subgraphs, Map<String, Long> opsets) {
    // onnx.proto field numbers
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION = 2;
    private static final int GRAPH_NODE = 1;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int NODE_DOMAIN = 7;
    private static final int ATTRIBUTE_G = 6;
    private static final int ATTRIBUTE_GRAPHS = 11;

    /** Deeper nesting of subgraphs than any real model has: a corrupt file, not recursion to follow. */
    private static final int MAX_DEPTH = 32;
    /** Op types and domains are short names. */
    private static final int MAX_NAME = 1024;

    public ModelOps {
        graph = Collections.unmodifiableMap(new TreeMap<>(graph));
        subgraphs = Collections.unmodifiableMap(new TreeMap<>(subgraphs));
        opsets = Collections.unmodifiableMap(new TreeMap<>(opsets));
    }

    /** Nodes of the main graph. */
    public int graphNodes() {
        return graph.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Nodes inside If / Loop / Scan bodies. */
    public int subgraphNodes() {
        return subgraphs.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How often {@code op} occurs, in the main graph and the subgraphs. */
    public int count(String op) {
        return graph.getOrDefault(op, 0) + subgraphs.getOrDefault(op, 0);
    }

    /** Reads the operators of an ONNX file; a file that is not one is an {@link IOException} saying where. */
    public static ModelOps read(Path file) throws IOException {
        try (ProtoReader in = ProtoReader.open(file)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException(file + ": not a readable ONNX model (" + e.getMessage() + ")", e);
        }
    }

    static ModelOps read(ProtoReader in) throws IOException {
        Map<String, Integer> graph = new TreeMap<>();
        Map<String, Integer> subgraphs = new TreeMap<>();
        Map<String, Long> opsets = new TreeMap<>();
        long end = in.size();
        boolean sawGraph = false;
        while (in.position() < end) {
            ProtoReader.Tag tag = in.readTag();
            if (tag.field() == MODEL_GRAPH && tag.wireType() == ProtoReader.LENGTH_DELIMITED) {
                long length = in.readLength(end);
                graph(in, in.position() + length, graph, subgraphs, 0);
                sawGraph = true;
            } else if (tag.field() == MODEL_OPSET_IMPORT && tag.wireType() == ProtoReader.LENGTH_DELIMITED) {
                long length = in.readLength(end);
                opset(in, in.position() + length, opsets);
            } else {
                in.skip(tag, end);
            }
        }
        if (!sawGraph) {
            throw new IOException("no graph in it");
        }
        return new ModelOps(graph, subgraphs, opsets);
    }

    private static void graph(ProtoReader in, long end, Map<String, Integer> counts, Map<String, Integer> subgraphs,
                              int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("subgraphs nested more than " + MAX_DEPTH + " deep");
        }
        while (in.position() < end) {
            ProtoReader.Tag tag = in.readTag();
            if (tag.field() == GRAPH_NODE && tag.wireType() == ProtoReader.LENGTH_DELIMITED) {
                long length = in.readLength(end);
                node(in, in.position() + length, counts, subgraphs, depth);
            } else {
                in.skip(tag, end); // initializers, inputs, outputs, value_info: not needed
            }
        }
        expectAt(in, end);
    }

    private static void node(ProtoReader in, long end, Map<String, Integer> counts, Map<String, Integer> subgraphs,
                             int depth) throws IOException {
        String opType = null;
        String domain = "";
        while (in.position() < end) {
            ProtoReader.Tag tag = in.readTag();
            if (tag.field() == NODE_OP_TYPE && tag.wireType() == ProtoReader.LENGTH_DELIMITED) {
                opType = in.readString(end, MAX_NAME);
            } else if (tag.field() == NODE_DOMAIN && tag.wireType() == ProtoReader.LENGTH_DELIMITED) {
                domain = in.readString(end, MAX_NAME);
            } else if (tag.field() == NODE_ATTRIBUTE && tag.wireType() == ProtoReader.LENGTH_DELIMITED) {
                long length = in.readLength(end);
                attribute(in, in.position() + length, subgraphs, depth);
            } else {
                in.skip(tag, end);
            }
        }
        expectAt(in, end);
        if (opType == null || opType.isEmpty()) {
            throw new IOException("a node without an op_type before byte " + end);
        }
        counts.merge(name(domain, opType), 1, Integer::sum);
    }

    /** An attribute's subgraphs (If's branches, Loop's and Scan's bodies); its tensors are skipped. */
    private static void attribute(ProtoReader in, long end, Map<String, Integer> subgraphs, int depth)
            throws IOException {
        while (in.position() < end) {
            ProtoReader.Tag tag = in.readTag();
            boolean graph = (tag.field() == ATTRIBUTE_G || tag.field() == ATTRIBUTE_GRAPHS)
                    && tag.wireType() == ProtoReader.LENGTH_DELIMITED;
            if (graph) {
                long length = in.readLength(end);
                graph(in, in.position() + length, subgraphs, subgraphs, depth + 1);
            } else {
                in.skip(tag, end);
            }
        }
        expectAt(in, end);
    }

    private static void opset(ProtoReader in, long end, Map<String, Long> opsets) throws IOException {
        String domain = "";
        long version = 0;
        while (in.position() < end) {
            ProtoReader.Tag tag = in.readTag();
            if (tag.field() == OPSET_DOMAIN && tag.wireType() == ProtoReader.LENGTH_DELIMITED) {
                domain = in.readString(end, MAX_NAME);
            } else if (tag.field() == OPSET_VERSION && tag.wireType() == ProtoReader.VARINT) {
                version = in.readVarint();
            } else {
                in.skip(tag, end);
            }
        }
        expectAt(in, end);
        opsets.put(domain.equals("ai.onnx") ? "" : domain, version);
    }

    private static void expectAt(ProtoReader in, long end) throws IOException {
        if (in.position() != end) {
            throw new IOException("a message overran its length (at byte " + in.position() + ", ends at " + end + ")");
        }
    }

    /** "MatMul" for the default domain, "com.microsoft:QuickGelu" for others. */
    static String name(String domain, String opType) {
        return domain.isEmpty() || domain.equals("ai.onnx") ? opType : domain + ":" + opType;
    }
}
