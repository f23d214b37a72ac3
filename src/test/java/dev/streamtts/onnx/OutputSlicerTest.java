package dev.streamtts.onnx;

import static dev.streamtts.onnx.TestModels.FLOAT;
import static dev.streamtts.onnx.TestModels.INT8;
import static dev.streamtts.onnx.TestModels.UINT8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link OutputSlicer} on small models made here, run by ONNX Runtime before and after the cut. */
class OutputSlicerTest {
    static final int D = 3;
    static final int N = 7;
    static final int[] KEEP = {0, 2, 3, 6};
    static final float[] X = {0.5f, -1.25f, 2f, 1.5f, 0.25f, -0.75f}; // [2, D]

    @TempDir
    Path dir;

    enum Storage { RAW, TYPED, EXTERNAL }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void matMulPlusBiasKeepsExactlyTheChosenColumns(Storage storage) throws Exception {
        float[] w = random(D * N, 1);
        float[] bias = random(N, 2);
        byte[] weight = switch (storage) {
            case RAW -> TestModels.raw("W", FLOAT, new long[] {D, N}, TestModels.floats(w));
            case TYPED -> TestModels.typedFloats("W", new long[] {D, N}, w);
            case EXTERNAL -> {
                byte[] data = Proto.concat(new byte[16], TestModels.floats(w)); // at an offset, as in real files
                Files.write(dir.resolve("weights.bin"), data);
                yield TestModels.external("W", FLOAT, new long[] {D, N}, "weights.bin", 16, 4L * D * N);
            }
        };
        byte[] model = new TestModels.Graph()
                .node("MatMul", List.of("x", "W"), List.of("h"))
                .node("Add", List.of("h", "B"), List.of("logits"))
                .initializer(weight)
                .initializer(TestModels.raw("B", FLOAT, new long[] {N}, TestModels.floats(bias)))
                .input("x", FLOAT, "rows", D)
                .output("logits", FLOAT, "rows", N)
                .model();
        Path source = Files.write(dir.resolve("full.onnx"), model);
        Path cut = dir.resolve("cut.onnx");
        OutputSlicer.Result r = OutputSlicer.write(source, cut, "logits", N, KEEP, Map.of("made-by", "test"));

        assertThat(r.sliced()).containsExactlyInAnyOrder("W [3, 7]", "B [7]");
        assertThat(r.bytes()).isEqualTo(Files.size(cut));
        if (storage != Storage.EXTERNAL) {
            assertThat(Files.size(cut)).isLessThan(Files.size(source));
        }
        assertThat(OutputSlicer.metadata(cut)).containsEntry("made-by", "test");
        assertColumns(source, cut, floatInput());
    }

    @Test
    void gemmWithATransposedWeightIsCutAlongItsRows() throws Exception {
        float[] wt = random(N * D, 3);
        byte[] model = new TestModels.Graph()
                .node("Gemm", List.of("x", "Wt", "C"), List.of("logits"), TestModels.intAttribute("transB", 1))
                .initializer(TestModels.raw("Wt", FLOAT, new long[] {N, D}, TestModels.floats(wt)))
                .initializer(TestModels.raw("C", FLOAT, new long[] {N}, TestModels.floats(random(N, 4))))
                .input("x", FLOAT, 2, D)
                .output("logits", FLOAT, 2, N)
                .model();
        Path source = Files.write(dir.resolve("gemm.onnx"), model);
        Path cut = dir.resolve("gemm-cut.onnx");
        assertThat(OutputSlicer.write(source, cut, "logits", N, KEEP, Map.of()).sliced())
                .containsExactlyInAnyOrder("Wt [7, 3]", "C [7]");
        assertColumns(source, cut, floatInput());
    }

    /** Dynamic quantization's pattern (MatMulInteger, Cast, Mul) with per-column zero points and scales. */
    @Test
    void quantizedMatMulCutsItsPerColumnZeroPointsAndScales() throws Exception {
        Random rnd = new Random(5);
        byte[] w = new byte[D * N];
        rnd.nextBytes(w);
        byte[] zeroPoints = new byte[N];
        rnd.nextBytes(zeroPoints);
        for (int i = 0; i < N; i++) {
            zeroPoints[i] = (byte) (zeroPoints[i] % 8);
        }
        byte[] model = new TestModels.Graph()
                .node("MatMulInteger", List.of("xq", "Wq", "xzp", "wzp"), List.of("acc"))
                .node("Cast", List.of("acc"), List.of("accf"), TestModels.intAttribute("to", FLOAT))
                .node("Mul", List.of("accf", "scale"), List.of("logits"))
                .initializer(TestModels.raw("Wq", INT8, new long[] {D, N}, w))
                .initializer(TestModels.raw("xzp", UINT8, new long[] {}, new byte[] {3}))
                .initializer(TestModels.raw("wzp", INT8, new long[] {N}, zeroPoints))
                .initializer(TestModels.raw("scale", FLOAT, new long[] {N}, TestModels.floats(random(N, 6))))
                .input("xq", UINT8, 2, D)
                .output("logits", FLOAT, 2, N)
                .model();
        Path source = Files.write(dir.resolve("q.onnx"), model);
        Path cut = dir.resolve("q-cut.onnx");
        assertThat(OutputSlicer.write(source, cut, "logits", N, KEEP, Map.of()).sliced())
                .containsExactlyInAnyOrder("Wq [3, 7]", "wzp [7]", "scale [7]");
        byte[] x = {10, (byte) 200, 3, 0, 77, (byte) 255};
        assertColumns(source, cut, () -> OnnxTensor.createTensor(OnnxSessions.environment(), ByteBuffer.wrap(x),
                new long[] {2, D}, ai.onnxruntime.OnnxJavaType.UINT8));
    }

    @Test
    void fieldsItDoesNotKnowAreCopiedAsTheyAre() throws Exception {
        byte[] model = Proto.concat(linear(), Proto.string(1000, "unknown to onnx.proto"));
        Path source = Files.write(dir.resolve("extra.onnx"), model);
        Path cut = dir.resolve("extra-cut.onnx");
        OutputSlicer.write(source, cut, "logits", N, KEEP, Map.of());
        try (ProtoFile f = new ProtoFile(cut)) {
            ProtoFile.Field unknown = f.fields(0, f.size()).stream().filter(x -> x.number() == 1000).findFirst().orElseThrow();
            assertThat(f.string(unknown)).isEqualTo("unknown to onnx.proto");
        }
        assertColumns(source, cut, floatInput());
    }

    @Test
    void whatCannotBeCutSafelyIsRefusedWithTheReason() throws Exception {
        Path shared = Files.write(dir.resolve("shared.onnx"), new TestModels.Graph()
                .node("MatMul", List.of("x", "W"), List.of("logits"))
                .node("Identity", List.of("W"), List.of("w_again"))
                .initializer(TestModels.raw("W", FLOAT, new long[] {D, N}, TestModels.floats(random(D * N, 7))))
                .input("x", FLOAT, 2, D).output("logits", FLOAT, 2, N).output("w_again", FLOAT, D, N).model());
        assertThatThrownBy(() -> OutputSlicer.write(shared, dir.resolve("o1.onnx"), "logits", N, KEEP, Map.of()))
                .isInstanceOf(OutputSlicer.Unsupported.class).hasMessageContaining("'W' is also used by Identity node");

        Path softmax = Files.write(dir.resolve("softmax.onnx"), new TestModels.Graph()
                .node("MatMul", List.of("x", "W"), List.of("h"))
                .node("Softmax", List.of("h"), List.of("logits"))
                .initializer(TestModels.raw("W", FLOAT, new long[] {D, N}, TestModels.floats(random(D * N, 8))))
                .input("x", FLOAT, 2, D).output("logits", FLOAT, 2, N).model());
        assertThatThrownBy(() -> OutputSlicer.write(softmax, dir.resolve("o2.onnx"), "logits", N, KEEP, Map.of()))
                .isInstanceOf(OutputSlicer.Unsupported.class).hasMessageContaining("Softmax node");

        Path linear = Files.write(dir.resolve("linear.onnx"), linear());
        assertThatThrownBy(() -> OutputSlicer.write(linear, dir.resolve("o3.onnx"), "scores", N, KEEP, Map.of()))
                .isInstanceOf(OutputSlicer.Unsupported.class).hasMessageContaining("no output 'scores'");
        assertThatThrownBy(() -> OutputSlicer.write(linear, dir.resolve("o4.onnx"), "logits", N + 1, KEEP, Map.of()))
                .isInstanceOf(OutputSlicer.Unsupported.class).hasMessageContaining("has shape [3, 7], not 8 wide");

        Files.write(dir.resolve("w.bin"), TestModels.floats(random(D * N, 9)));
        Path external = Files.write(dir.resolve("external.onnx"), new TestModels.Graph()
                .node("MatMul", List.of("x", "W"), List.of("logits"))
                .initializer(TestModels.external("W", FLOAT, new long[] {D, N}, "w.bin", 0, 4L * D * N))
                .input("x", FLOAT, 2, D).output("logits", FLOAT, 2, N).model());
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")).resolve("o5.onnx");
        assertThatThrownBy(() -> OutputSlicer.write(external, elsewhere, "logits", N, KEEP, Map.of()))
                .isInstanceOf(OutputSlicer.Unsupported.class).hasMessageContaining("external data");
        Files.write(dir.resolve("w.bin"), new byte[12]); // shorter than its shape
        assertThatThrownBy(() -> OutputSlicer.write(external, dir.resolve("o6.onnx"), "logits", N, KEEP, Map.of()))
                .isInstanceOf(OutputSlicer.Unsupported.class).hasMessageContaining("w.bin");

        Path garbage = Files.write(dir.resolve("garbage.onnx"), new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> OutputSlicer.write(garbage, dir.resolve("o7.onnx"), "logits", N, KEEP, Map.of()))
                .isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> OutputSlicer.write(linear, dir.resolve("o8.onnx"), "logits", N, new int[] {3, 1}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] linear() {
        return new TestModels.Graph()
                .node("MatMul", List.of("x", "W"), List.of("logits"))
                .initializer(Proto.concat(TestModels.raw("W", FLOAT, new long[] {D, N},
                        TestModels.floats(random(D * N, 10))), Proto.string(12, "a doc string")))
                .input("x", FLOAT, 2, D).output("logits", FLOAT, 2, N).model();
    }

    @FunctionalInterface
    interface Input {
        OnnxTensor make() throws Exception;
    }

    private static Input floatInput() {
        return () -> OnnxTensor.createTensor(OnnxSessions.environment(), FloatBuffer.wrap(X), new long[] {2, D});
    }

    /** The cut model's logits are the full model's kept columns, bit for bit, and it declares the new width. */
    private static void assertColumns(Path full, Path cut, Input input) throws Exception {
        float[][] a = run(full, input);
        float[][] b = run(cut, input);
        assertThat(a[0]).hasSize(N);
        assertThat(b[0]).hasSize(KEEP.length);
        for (int r = 0; r < a.length; r++) {
            for (int j = 0; j < KEEP.length; j++) {
                assertThat(Float.floatToIntBits(b[r][j])).as("row %d column %d", r, KEEP[j])
                        .isEqualTo(Float.floatToIntBits(a[r][KEEP[j]]));
            }
        }
        try (OrtSession s = OnnxSessions.environment().createSession(cut.toString())) {
            long[] shape = ((ai.onnxruntime.TensorInfo) s.getOutputInfo().get("logits").getInfo()).getShape();
            assertThat(shape[shape.length - 1]).isEqualTo(KEEP.length);
        }
    }

    private static float[][] run(Path model, Input input) throws Exception {
        try (OrtSession s = OnnxSessions.environment().createSession(model.toString());
             OnnxTensor x = input.make()) {
            String name = s.getInputNames().iterator().next();
            try (OrtSession.Result r = s.run(Map.of(name, x))) {
                return (float[][]) r.get(0).getValue();
            }
        }
    }

    private static float[] random(int n, long seed) {
        Random rnd = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) rnd.nextGaussian();
        }
        return out;
    }
}
