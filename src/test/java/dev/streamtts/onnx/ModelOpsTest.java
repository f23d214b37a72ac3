package dev.streamtts.onnx;

import static dev.streamtts.onnx.Proto.bytes;
import static dev.streamtts.onnx.Proto.concat;
import static dev.streamtts.onnx.Proto.fixed32;
import static dev.streamtts.onnx.Proto.fixed64;
import static dev.streamtts.onnx.Proto.message;
import static dev.streamtts.onnx.Proto.string;
import static dev.streamtts.onnx.Proto.varint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator reader, on the tiny test models and on protobuf bytes written by hand. */
class ModelOpsTest {
    static final Path MODELS = Path.of("src/test/resources/models");

    @TempDir
    Path dir;

    // --- the test models

    @Test
    void nllbInt8FilesHaveTheDynamicInt8OperatorsAndFp32FilesDoNot() throws IOException {
        for (String stem : new String[] {"encoder_model", "decoder_model", "decoder_with_past_model"}) {
            ModelOps int8 = ModelOps.read(MODELS.resolve("nllb-tiny/" + stem + "_quantized.onnx"));
            assertThat(int8.graph()).as(stem).containsKeys("MatMulInteger", "DynamicQuantizeLinear");
            ModelOps fp32 = ModelOps.read(MODELS.resolve("nllb-tiny/" + stem + ".onnx"));
            assertThat(fp32.graph()).as(stem).containsKeys("MatMul", "LayerNormalization", "Softmax")
                    .doesNotContainKeys("MatMulInteger", "DynamicQuantizeLinear");
            assertThat(fp32.subgraphs()).isEmpty();
            assertThat(fp32.opsets()).containsEntry("", 17L);
        }
        ModelOps encoder = ModelOps.read(MODELS.resolve("nllb-tiny/encoder_model.onnx"));
        assertThat(encoder.graph()).containsEntry("MatMul", 16).containsEntry("LayerNormalization", 5);
        assertThat(encoder.graphNodes()).isEqualTo(274);
    }

    @Test
    void theMergedDecoderIsOneIfWithTheWorkInItsBranches() throws IOException {
        ModelOps merged = ModelOps.read(MODELS.resolve("nllb-tiny/decoder_model_merged.onnx"));
        assertThat(merged.graph()).isEqualTo(Map.of("If", 1));
        assertThat(merged.subgraphs()).containsEntry("MatMul", 54).doesNotContainKey("If");
        assertThat(merged.count("MatMul")).isEqualTo(54);
        ModelOps int8 = ModelOps.read(MODELS.resolve("nllb-tiny/decoder_model_merged_quantized.onnx"));
        assertThat(int8.subgraphs()).containsKeys("MatMulInteger", "DynamicQuantizeLinear");
    }

    @Test
    void piperAndKokoroAreFloatModels() throws IOException {
        for (String model : new String[] {"piper/en_US-tiny_1spk-x_low.onnx", "kokoro/kokoro-tiny-tokens.onnx"}) {
            ModelOps ops = ModelOps.read(MODELS.resolve(model));
            assertThat(ops.graph()).as(model).containsKeys("Conv", "ConvTranspose", "MatMul")
                    .doesNotContainKeys("MatMulInteger", "DynamicQuantizeLinear", "ConvInteger");
            assertThat(ops.graphNodes()).as(model).isGreaterThan(1000);
        }
        assertThat(ModelOps.read(MODELS.resolve("kokoro/kokoro-tiny-tokens.onnx")).graph()).containsEntry("LSTM", 5);
        // Piper's one If (on the speaker id) has a small body
        ModelOps piper = ModelOps.read(MODELS.resolve("piper/en_US-tiny_1spk-x_low.onnx"));
        assertThat(piper.graph()).containsEntry("If", 1);
        assertThat(piper.subgraphNodes()).isEqualTo(3);
    }

    @Test
    void aModelIsReadWithoutReadingItsWeights() throws IOException {
        byte[] weights = new byte[4 << 20];
        byte[] model = model(graph(node("MatMul"), bytes(5, tensor(weights)), node("Add")), opset("", 17));
        try (ProtoFile in = new ProtoFile(file(model))) {
            ModelOps ops = ModelOps.read(in);
            assertThat(ops.graph()).containsEntry("MatMul", 1).containsEntry("Add", 1);
            // the head (model, graph, MatMul's node) is read three times, a first read each; the tail is small
            assertThat(in.bytesRead()).isLessThan(3 * ProtoFile.FIRST_READ + 512);
        }
    }

    @Test
    void manyInitializersInARowCostLittleReading() throws IOException {
        byte[][] fields = new byte[202][];
        fields[0] = node("MatMul");
        for (int i = 1; i <= 200; i++) {
            fields[i] = bytes(5, tensor(new byte[100_000]));
        }
        fields[201] = node("Add");
        byte[] model = model(graph(fields));
        try (ProtoFile in = new ProtoFile(file(model))) {
            assertThat(ModelOps.read(in).graph()).isEqualTo(Map.of("MatMul", 1, "Add", 1));
            // one first read after each jump over a tensor: 200 KB of 20 MB
            assertThat(in.bytesRead()).as("of " + model.length).isLessThan(205 * ProtoFile.FIRST_READ);
        }
    }

    // --- hand-built files

    @Test
    void opTypeAndDomainInAnyOrderAndContribOperatorsKeepTheirDomain() throws IOException {
        byte[] quickGelu = message(1, string(7, "com.microsoft"), string(1, "x"), string(4, "QuickGelu"));
        byte[] plain = message(1, string(7, "ai.onnx"), string(4, "Relu"));
        ModelOps ops = read(model(graph(quickGelu, plain, node("Relu")), opset("", 17), opset("com.microsoft", 1)));
        assertThat(ops.graph()).isEqualTo(Map.of("com.microsoft:QuickGelu", 1, "Relu", 2));
        assertThat(ops.opsets()).isEqualTo(Map.of("", 17L, "com.microsoft", 1L));
    }

    @Test
    void subgraphsAtAnyDepthAreCountedApartAndTensorAttributesSkipped() throws IOException {
        byte[] inner = graph(node("MatMul"), node("Softmax"));
        byte[] ifNode = message(1, string(4, "If"), attribute("then_branch", message(6, inner)),
                attribute("else_branch", message(6, graph(node("Identity")))));
        byte[] loopBody = graph(ifNode, node("Add"));
        byte[] loop = message(1, string(4, "Loop"), attribute("body", message(6, loopBody)));
        byte[] scan = message(1, string(4, "Scan"),
                attribute("bodies", message(11, graph(node("Mul"))), message(11, graph(node("Mul")))));
        byte[] constant = message(1, string(4, "Constant"), attribute("value", message(5, tensor(new byte[300_000])),
                fixed32(2, Float.floatToIntBits(0.5f)), varint(3, -1), fixed64(99, 7L)));
        ModelOps ops = read(model(graph(loop, scan, constant)));
        assertThat(ops.graph()).isEqualTo(Map.of("Loop", 1, "Scan", 1, "Constant", 1));
        assertThat(ops.subgraphs()).isEqualTo(Map.of("If", 1, "Add", 1, "MatMul", 1, "Softmax", 1, "Identity", 1,
                "Mul", 2));
        assertThat(ops.graphNodes()).isEqualTo(3);
        assertThat(ops.subgraphNodes()).isEqualTo(7);
    }

    @Test
    void fieldsItDoesNotKnowAreSkippedWhateverTheirWireType() throws IOException {
        byte[] model = concat(varint(1, 8), string(2, "pytorch"), fixed64(40, 1L), fixed32(41, 2),
                model(graph(string(2, "main"), varint(30, 1L << 40), node("Relu"), bytes(11, new byte[200]))));
        assertThat(read(model).graph()).isEqualTo(Map.of("Relu", 1));
    }

    @Test
    void lengthsOfManyBytesAreRead() throws IOException {
        byte[][] nodes = new byte[3000][];
        Arrays.fill(nodes, node("Add"));
        byte[] model = model(graph(nodes)); // the graph's length takes three bytes
        assertThat(read(model).graph()).isEqualTo(Map.of("Add", 3000));
    }

    @Test
    void brokenFilesAreErrorsSayingWhere() throws IOException {
        byte[] good = model(graph(node("Relu"), node("Add")));
        assertThatThrownBy(() -> read(Arrays.copyOf(good, good.length - 3))).isInstanceOf(IOException.class)
                .hasMessageContaining("runs past");
        assertThatThrownBy(() -> read(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF})).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(concat(varint(1, 8), string(2, "no graph")))).hasMessageContaining("no graph");
        assertThatThrownBy(() -> read(model(graph(message(1, string(1, "x")))))).hasMessageContaining("op_type");
        byte[] group = concat(model(graph(node("Relu"))), new byte[] {(byte) ((9 << 3) | 3)});
        assertThatThrownBy(() -> read(group)).hasMessageContaining("wire type 3");
        byte[] deep = graph(node("Relu"));
        for (int i = 0; i < 40; i++) {
            deep = graph(message(1, string(4, "If"), attribute("then_branch", message(6, deep))));
        }
        byte[] tooDeep = model(deep);
        assertThatThrownBy(() -> read(tooDeep)).hasMessageContaining("nested");
        Path file = dir.resolve("text.onnx");
        Files.writeString(file, "this is not a model\n");
        assertThatThrownBy(() -> ModelOps.read(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("not a readable ONNX model");
    }

    // --- helpers

    /** Through windows of 16 to 64 bytes, so that fields straddle window edges. */
    private ModelOps read(byte[] model) throws IOException {
        try (ProtoFile in = new ProtoFile(file(model), 16, 64)) {
            return ModelOps.read(in);
        }
    }

    private Path file(byte[] model) throws IOException {
        return Files.write(Files.createTempFile(dir, "model", ".onnx"), model);
    }

    static byte[] model(byte[] graph, byte[]... opsets) {
        return concat(varint(1, 8), bytes(7, graph), concat(opsets));
    }

    static byte[] opset(String domain, long version) {
        return message(8, string(1, domain), varint(2, version));
    }

    /** A GraphProto's body. */
    static byte[] graph(byte[]... fields) {
        return concat(fields);
    }

    static byte[] node(String op) {
        return message(1, string(1, "in"), string(2, "out"), string(3, op + "_node"), string(4, op));
    }

    static byte[] attribute(String name, byte[]... value) {
        return message(5, string(1, name), concat(value));
    }

    /** A TensorProto with {@code raw} as raw_data. */
    static byte[] tensor(byte[] raw) {
        return concat(varint(1, 1), varint(2, 1), bytes(9, raw));
    }
}
