package dev.streamtts.onnx;

import dev.streamtts.onnx.ProtoFile.Field;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operators an ONNX model is made of, read from the file itself ({@code onnx.proto}: ModelProto.graph
 * → GraphProto.node → NodeProto.op_type and domain, and the If / Loop / Scan bodies in NodeProto.attribute
 * → AttributeProto.g / graphs) without loading it: initializers and tensor attributes are skipped over,
 * so a 2 GB model costs a small read per tensor ({@link ProtoFile}). Operators of the default ONNX domain
 * are named as they are ("MatMul"), others with their domain ("com.microsoft:QuickGelu").
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
        try (ProtoFile in = new ProtoFile(file)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException(file + ": not a readable ONNX model (" + e.getMessage() + ")", e);
        }
    }

    static ModelOps read(ProtoFile in) throws IOException {
        Map<String, Integer> graph = new TreeMap<>();
        Map<String, Integer> subgraphs = new TreeMap<>();
        Map<String, Long> opsets = new TreeMap<>();
        boolean sawGraph = false;
        for (Field f : in.fields(0, in.size())) {
            if (f.number() == MODEL_GRAPH && f.wireType() == ProtoFile.LEN) {
                graph(in, f, graph, subgraphs, 0);
                sawGraph = true;
            } else if (f.number() == MODEL_OPSET_IMPORT && f.wireType() == ProtoFile.LEN) {
                opset(in, f, opsets);
            }
        }
        if (!sawGraph) {
            throw new IOException("no graph in it");
        }
        return new ModelOps(graph, subgraphs, opsets);
    }

    private static void graph(ProtoFile in, Field graph, Map<String, Integer> counts, Map<String, Integer> subgraphs,
                              int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("subgraphs nested more than " + MAX_DEPTH + " deep");
        }
        for (Field f : in.fields(graph.start(), graph.end())) {
            if (f.number() == GRAPH_NODE && f.wireType() == ProtoFile.LEN) {
                node(in, f, counts, subgraphs, depth);
            } // initializers, inputs, outputs, value_info: only their keys are read
        }
    }

    private static void node(ProtoFile in, Field node, Map<String, Integer> counts, Map<String, Integer> subgraphs,
                             int depth) throws IOException {
        String opType = null;
        String domain = "";
        for (Field f : in.fields(node.start(), node.end())) {
            if (f.number() == NODE_OP_TYPE && f.wireType() == ProtoFile.LEN) {
                opType = in.string(f, MAX_NAME);
            } else if (f.number() == NODE_DOMAIN && f.wireType() == ProtoFile.LEN) {
                domain = in.string(f, MAX_NAME);
            } else if (f.number() == NODE_ATTRIBUTE && f.wireType() == ProtoFile.LEN) {
                attribute(in, f, subgraphs, depth);
            }
        }
        if (opType == null || opType.isEmpty()) {
            throw new IOException("a node without an op_type before byte " + node.end());
        }
        counts.merge(name(domain, opType), 1, Integer::sum);
    }

    /** An attribute's subgraphs (If's branches, Loop's and Scan's bodies); its tensors are skipped. */
    private static void attribute(ProtoFile in, Field attribute, Map<String, Integer> subgraphs, int depth)
            throws IOException {
        for (Field f : in.fields(attribute.start(), attribute.end())) {
            if ((f.number() == ATTRIBUTE_G || f.number() == ATTRIBUTE_GRAPHS) && f.wireType() == ProtoFile.LEN) {
                graph(in, f, subgraphs, subgraphs, depth + 1);
            }
        }
    }

    private static void opset(ProtoFile in, Field opset, Map<String, Long> opsets) throws IOException {
        String domain = "";
        long version = 0;
        for (Field f : in.fields(opset.start(), opset.end())) {
            if (f.number() == OPSET_DOMAIN && f.wireType() == ProtoFile.LEN) {
                domain = in.string(f, MAX_NAME);
            } else if (f.number() == OPSET_VERSION && f.wireType() == ProtoFile.VARINT) {
                version = f.value();
            }
        }
        opsets.put(domain.equals("ai.onnx") ? "" : domain, version);
    }

    /** "MatMul" for the default domain, "com.microsoft:QuickGelu" for others. */
    static String name(String domain, String opType) {
        return domain.isEmpty() || domain.equals("ai.onnx") ? opType : domain + ":" + opType;
    }
}
