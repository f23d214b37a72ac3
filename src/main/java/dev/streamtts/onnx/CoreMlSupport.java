package dev.streamtts.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What ONNX Runtime's CoreML execution provider can take, by operator type: the one place that says so.
 *
 * <p>The lists follow ONNX Runtime's own table of the operators its CoreML EP converts in the ML Program
 * format (the one stream-tts asks for; {@code docs/execution-providers/CoreML-ExecutionProvider.md} and
 * {@code tools/ci_build/github/apple/coreml_supported_mlprogram_ops.md} in its repository), plus Gather,
 * whose ML Program builder that table leaves out. Having an operator's type is necessary, not enough:
 * each builder also refuses nodes by shape (dynamic shapes above all), data type or attributes, so
 * Kokoro, whose operators are nearly all of listed types, still runs mostly on the CPU under CoreML.
 * That is why only what can be known for sure from the file keeps a model off CoreML here, and a timed
 * trial decides the rest.
 */
final class CoreMlSupport {
    private CoreMlSupport() {
    }

    /** Operator types the CoreML EP has an ML Program builder for. */
    static final Set<String> CONVERTS = Set.of(
            "Add", "ArgMax", "AveragePool", "Cast", "Ceil", "Clip", "Concat", "Conv", "ConvTranspose", "Cos",
            "DepthToSpace", "Div", "Elu", "Erf", "Exp", "Gather", "GatherND", "Gelu", "Gemm", "GlobalAveragePool",
            "GlobalMaxPool", "GridSample", "GroupNormalization", "HardSigmoid", "Identity", "InstanceNormalization",
            "LayerNormalization", "LeakyRelu", "MatMul", "Max", "MaxPool", "Mul", "Pow", "PRelu", "Range",
            "Reciprocal", "ReduceMax", "ReduceMean", "ReduceSum", "Relu", "Reshape", "Resize", "Round", "Shape",
            "Sigmoid", "Sin", "Slice", "Softmax", "Softplus", "Split", "Sqrt", "Squeeze", "Sub", "Tanh", "Tile",
            "Transpose", "Unsqueeze", "com.microsoft:FusedConv", "com.microsoft:QuickGelu");

    /**
     * Integer (quantized) arithmetic, as dynamic int8 exports (onnxruntime's {@code quantize_dynamic}) and
     * QOperator exports have it: the CoreML EP converts none of these, so the model's matrix products stay
     * on the CPU and CoreML gets only the pieces between them, each a partition of its own with copies in
     * and out (NLLB int8: half its nodes on CoreML in 171 partitions, twice as slow). Names without domain.
     */
    static final Set<String> INTEGER_OPS = Set.of(
            "DynamicQuantizeLinear", "MatMulInteger", "ConvInteger", "MatMulIntegerToFloat", "DynamicQuantizeMatMul",
            "DynamicQuantizeLSTM", "QGemm", "QAttention", "QEmbedLayerNormalization", "QOrderedMatMul",
            "MatMulNBits");
    /** Every QLinear* operator (QLinearConv, QLinearMatMul, QLinearAdd, ...) is integer arithmetic too. */
    static final String INTEGER_PREFIX = "QLinear";

    /** Constants are folded into initializers when a session is made: never a node any provider runs. */
    private static final Set<String> FOLDED = Set.of("Constant");

    /** Why a model cannot gain from CoreML, known from its operators alone; empty when only a trial can tell. */
    static Optional<String> rulesOut(ModelOps ops) {
        List<String> integer = new ArrayList<>();
        for (String op : all(ops)) {
            String bare = op.substring(op.indexOf(':') + 1);
            if (INTEGER_OPS.contains(bare) || bare.startsWith(INTEGER_PREFIX)) {
                integer.add(op);
            }
        }
        if (!integer.isEmpty()) {
            boolean dynamic = integer.stream().anyMatch(op -> op.contains("Dynamic") || op.endsWith("MatMulInteger"));
            return Optional.of("has " + String.join(", ", integer) + (dynamic ? " (dynamic int8)" : " (int8)")
                    + ", which CoreML cannot run");
        }
        int main = nodes(ops.graph());
        int inside = nodes(ops.subgraphs());
        if (inside > main) {
            // ONNX Runtime's CoreML EP leaves control-flow bodies to the CPU unless told otherwise
            // (EnableOnSubgraphs, which stream-tts does not set): a merged NLLB decoder is one If.
            return Optional.of(inside + " of its " + (main + inside) + " nodes are inside " + controlFlow(ops)
                    + ", which CoreML does not take");
        }
        if (main == 0) {
            return Optional.of("it has no nodes to run");
        }
        return Optional.empty();
    }

    /** The operator types of the main graph the CoreML EP has no builder for, with their counts. */
    static Map<String, Integer> neverConverted(ModelOps ops) {
        Map<String, Integer> left = new TreeMap<>();
        ops.graph().forEach((op, n) -> {
            if (!CONVERTS.contains(op) && !FOLDED.contains(op)) {
                left.put(op, n);
            }
        });
        return left;
    }

    private static int nodes(Map<String, Integer> counts) {
        int n = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (!FOLDED.contains(e.getKey())) {
                n += e.getValue();
            }
        }
        return n;
    }

    private static String controlFlow(ModelOps ops) {
        List<String> kinds = new ArrayList<>();
        for (String op : List.of("If", "Loop", "Scan")) {
            if (ops.graph().containsKey(op)) {
                kinds.add(op);
            }
        }
        return kinds.isEmpty() ? "subgraphs" : String.join("/", kinds) + " subgraphs";
    }

    private static Set<String> all(ModelOps ops) {
        Set<String> all = new TreeSet<>(ops.graph().keySet());
        all.addAll(ops.subgraphs().keySet());
        return all;
    }
}
