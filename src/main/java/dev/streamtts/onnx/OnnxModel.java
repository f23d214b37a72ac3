package dev.streamtts.onnx;

import dev.streamtts.onnx.ProtoFile.Field;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX file's structure that a rewrite of its constants needs, read with {@link ProtoFile}
 * (field numbers from onnx.proto): graphs with their nodes, initializers and declared shapes, subgraphs
 * of control-flow nodes included. Weights are located, not read.
 */
final class OnnxModel {
    // ModelProto
    static final int MODEL_GRAPH = 7;
    static final int MODEL_METADATA = 14;
    // GraphProto
    static final int GRAPH_NODE = 1;
    static final int GRAPH_INITIALIZER = 5;
    static final int GRAPH_INPUT = 11;
    static final int GRAPH_OUTPUT = 12;
    static final int GRAPH_VALUE_INFO = 13;
    // NodeProto
    static final int NODE_INPUT = 1;
    static final int NODE_OUTPUT = 2;
    static final int NODE_NAME = 3;
    static final int NODE_OP = 4;
    static final int NODE_ATTRIBUTE = 5;
    static final int NODE_DOMAIN = 7;
    // AttributeProto
    static final int ATTR_NAME = 1;
    static final int ATTR_I = 3;
    static final int ATTR_T = 5;
    static final int ATTR_G = 6;
    static final int ATTR_GRAPHS = 11;
    // TensorProto
    static final int TENSOR_DIMS = 1;
    static final int TENSOR_TYPE = 2;
    static final int TENSOR_SEGMENT = 3;
    static final int TENSOR_FLOAT_DATA = 4;
    static final int TENSOR_INT32_DATA = 5;
    static final int TENSOR_STRING_DATA = 6;
    static final int TENSOR_INT64_DATA = 7;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;
    static final int TENSOR_DOUBLE_DATA = 10;
    static final int TENSOR_UINT64_DATA = 11;
    static final int TENSOR_EXTERNAL_DATA = 13;
    static final int TENSOR_DATA_LOCATION = 14;
    // StringStringEntryProto
    static final int ENTRY_KEY = 1;
    static final int ENTRY_VALUE = 2;
    // ValueInfoProto > TypeProto > TypeProto.Tensor > TensorShapeProto > Dimension
    static final int VALUE_INFO_NAME = 1;
    static final int VALUE_INFO_TYPE = 2;
    static final int TYPE_TENSOR = 1;
    static final int TYPE_TENSOR_SHAPE = 2;
    static final int SHAPE_DIM = 1;
    static final int DIM_VALUE = 1;

    /** A stored tensor: where its fields are; its data is in {@code raw}, in typed fields, or in another file. */
    record Tensor(Graph graph, Field field, String name, long[] dims, int dataType, Field raw, List<Field> typed,
                  Map<String, String> external) {
        long elements() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        boolean isExternal() {
            return external != null;
        }
    }

    /** A declared value (graph input, output or value_info): its dimensions as numbers (-1: symbolic or absent). */
    record ValueInfo(Field field, String name, List<Field> dims, List<Long> dimValues) {
    }

    record Node(Graph graph, Field field, String name, String op, String domain, List<String> inputs,
                List<String> outputs, Map<String, Graph> graphs, Map<String, Long> ints, Tensor value) {
        String describe() {
            return op + " node '" + name + "'";
        }
    }

    static final class Graph {
        final Graph parent;
        final Field field;
        final List<Node> nodes = new ArrayList<>();
        final Map<String, Tensor> initializers = new LinkedHashMap<>();
        final List<ValueInfo> inputs = new ArrayList<>();
        final List<ValueInfo> outputs = new ArrayList<>();
        final List<ValueInfo> valueInfo = new ArrayList<>();
        final Map<String, Node> producers = new HashMap<>();

        Graph(Graph parent, Field field) {
            this.parent = parent;
            this.field = field;
        }

        /** The initializer {@code name} refers to here: this graph's, else the nearest enclosing graph's. */
        Tensor initializer(String name) {
            for (Graph g = this; g != null; g = g.parent) {
                Tensor t = g.initializers.get(name);
                if (t != null) {
                    return t;
                }
                if (g.producers.containsKey(name) || g.inputs.stream().anyMatch(v -> v.name().equals(name))) {
                    return null; // shadowed by a value of this scope
                }
            }
            return null;
        }

        /** The Constant node {@code name} refers to, in this graph or an enclosing one. */
        Node constant(String name) {
            for (Graph g = this; g != null; g = g.parent) {
                Node n = g.producers.get(name);
                if (n != null) {
                    return n.op().equals("Constant") && n.domain().isEmpty() ? n : null;
                }
                if (g.initializers.containsKey(name)) {
                    return null;
                }
            }
            return null;
        }

        List<ValueInfo> declared() {
            List<ValueInfo> all = new ArrayList<>(inputs);
            all.addAll(outputs);
            all.addAll(valueInfo);
            return all;
        }
    }

    final ProtoFile file;
    final Graph graph;
    final List<Field> top;

    private OnnxModel(ProtoFile file, Graph graph, List<Field> top) {
        this.file = file;
        this.graph = graph;
        this.top = top;
    }

    static OnnxModel read(ProtoFile file) throws IOException {
        List<Field> top = file.fields(0, file.size());
        Field graph = null;
        for (Field f : top) {
            if (f.number() == MODEL_GRAPH && f.wireType() == ProtoFile.LEN) {
                graph = f;
            }
        }
        if (graph == null) {
            throw new ProtoFile.Malformed("no graph (not an ONNX model)");
        }
        return new OnnxModel(file, readGraph(file, null, graph), top);
    }

    /** The model's metadata_props. */
    Map<String, String> metadata() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : top) {
            if (f.number() == MODEL_METADATA && f.wireType() == ProtoFile.LEN) {
                entry(file, f, out);
            }
        }
        return out;
    }

    /** Only the metadata_props of the file at {@code file}: its graph is skipped, not parsed. */
    static Map<String, String> metadata(ProtoFile file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Field f : file.fields(0, file.size())) {
            if (f.number() == MODEL_METADATA && f.wireType() == ProtoFile.LEN) {
                entry(file, f, out);
            }
        }
        return out;
    }

    private static void entry(ProtoFile file, Field f, Map<String, String> into) throws IOException {
        String key = "";
        String value = "";
        for (Field e : file.fields(f.start(), f.end())) {
            if (e.number() == ENTRY_KEY && e.wireType() == ProtoFile.LEN) {
                key = file.string(e);
            } else if (e.number() == ENTRY_VALUE && e.wireType() == ProtoFile.LEN) {
                value = file.string(e);
            }
        }
        into.put(key, value);
    }

    private static Graph readGraph(ProtoFile file, Graph parent, Field field) throws IOException {
        Graph g = new Graph(parent, field);
        List<Field> nodes = new ArrayList<>();
        for (Field f : file.fields(field.start(), field.end())) {
            if (f.wireType() != ProtoFile.LEN) {
                continue;
            }
            switch (f.number()) {
                case GRAPH_NODE -> nodes.add(f);
                case GRAPH_INITIALIZER -> {
                    Tensor t = readTensor(file, g, f);
                    g.initializers.put(t.name(), t);
                }
                case GRAPH_INPUT -> g.inputs.add(readValueInfo(file, f));
                case GRAPH_OUTPUT -> g.outputs.add(readValueInfo(file, f));
                case GRAPH_VALUE_INFO -> g.valueInfo.add(readValueInfo(file, f));
                default -> { }
            }
        }
        for (Field f : nodes) {
            Node n = readNode(file, g, f);
            g.nodes.add(n);
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    g.producers.put(out, n);
                }
            }
        }
        return g;
    }

    private static Node readNode(ProtoFile file, Graph g, Field field) throws IOException {
        String name = "";
        String op = "";
        String domain = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<Field> attributes = new ArrayList<>();
        for (Field f : file.fields(field.start(), field.end())) {
            if (f.wireType() != ProtoFile.LEN) {
                continue;
            }
            switch (f.number()) {
                case NODE_INPUT -> inputs.add(file.string(f));
                case NODE_OUTPUT -> outputs.add(file.string(f));
                case NODE_NAME -> name = file.string(f);
                case NODE_OP -> op = file.string(f);
                case NODE_DOMAIN -> domain = file.string(f);
                case NODE_ATTRIBUTE -> attributes.add(f);
                default -> { }
            }
        }
        Map<String, Graph> graphs = new LinkedHashMap<>();
        Map<String, Long> ints = new HashMap<>();
        Tensor value = null;
        for (Field a : attributes) {
            String attr = "";
            List<Field> subgraphs = new ArrayList<>();
            Long i = null;
            Field t = null;
            for (Field f : file.fields(a.start(), a.end())) {
                if (f.number() == ATTR_NAME && f.wireType() == ProtoFile.LEN) {
                    attr = file.string(f);
                } else if ((f.number() == ATTR_G || f.number() == ATTR_GRAPHS) && f.wireType() == ProtoFile.LEN) {
                    subgraphs.add(f);
                } else if (f.number() == ATTR_I && f.wireType() == ProtoFile.VARINT) {
                    i = f.value();
                } else if (f.number() == ATTR_T && f.wireType() == ProtoFile.LEN) {
                    t = f;
                }
            }
            for (int k = 0; k < subgraphs.size(); k++) {
                graphs.put(subgraphs.size() == 1 ? attr : attr + "[" + k + "]", readGraph(file, g, subgraphs.get(k)));
            }
            if (i != null) {
                ints.put(attr, i);
            }
            if (t != null && attr.equals("value")) {
                value = readTensor(file, g, t);
            }
        }
        return new Node(g, field, name, op, domain, inputs, outputs, graphs, ints, value);
    }

    static Tensor readTensor(ProtoFile file, Graph g, Field field) throws IOException {
        List<Long> dims = new ArrayList<>();
        String name = "";
        int type = 0;
        Field raw = null;
        List<Field> typed = new ArrayList<>();
        Map<String, String> external = new LinkedHashMap<>();
        boolean isExternal = false;
        for (Field f : file.fields(field.start(), field.end())) {
            switch (f.number()) {
                case TENSOR_DIMS -> file.varints(f, dims);
                case TENSOR_TYPE -> type = (int) f.value();
                case TENSOR_NAME -> name = file.string(f);
                case TENSOR_RAW_DATA -> raw = f;
                case TENSOR_FLOAT_DATA, TENSOR_INT32_DATA, TENSOR_INT64_DATA, TENSOR_DOUBLE_DATA, TENSOR_UINT64_DATA,
                     TENSOR_STRING_DATA -> typed.add(f);
                case TENSOR_EXTERNAL_DATA -> entry(file, f, external);
                case TENSOR_DATA_LOCATION -> isExternal = f.value() == 1;
                default -> { }
            }
        }
        return new Tensor(g, field, name, dims.stream().mapToLong(Long::longValue).toArray(), type, raw, typed,
                isExternal ? external : null);
    }

    private static ValueInfo readValueInfo(ProtoFile file, Field field) throws IOException {
        String name = "";
        List<Field> dims = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (Field f : file.fields(field.start(), field.end())) {
            if (f.number() == VALUE_INFO_NAME && f.wireType() == ProtoFile.LEN) {
                name = file.string(f);
            } else if (f.number() == VALUE_INFO_TYPE && f.wireType() == ProtoFile.LEN) {
                for (Field tensor : child(file, f, TYPE_TENSOR)) {
                    for (Field shape : child(file, tensor, TYPE_TENSOR_SHAPE)) {
                        for (Field dim : child(file, shape, SHAPE_DIM)) {
                            dims.add(dim);
                            long v = -1;
                            for (Field d : file.fields(dim.start(), dim.end())) {
                                if (d.number() == DIM_VALUE && d.wireType() == ProtoFile.VARINT) {
                                    v = d.value();
                                }
                            }
                            values.add(v);
                        }
                    }
                }
            }
        }
        return new ValueInfo(field, name, dims, values);
    }

    private static List<Field> child(ProtoFile file, Field message, int number) throws IOException {
        List<Field> out = new ArrayList<>();
        for (Field f : file.fields(message.start(), message.end())) {
            if (f.number() == number && f.wireType() == ProtoFile.LEN) {
                out.add(f);
            }
        }
        return out;
    }

    /** Bytes per element of an ONNX data type that can be sliced, or 0. */
    static int elementSize(int dataType) {
        return switch (dataType) {
            case 1, 6, 12 -> 4; // float, int32, uint32
            case 2, 3, 9 -> 1; // uint8, int8, bool
            case 4, 5, 10, 16 -> 2; // uint16, int16, float16, bfloat16
            case 7, 11, 13 -> 8; // int64, double, uint64
            default -> 0;
        };
    }
}
