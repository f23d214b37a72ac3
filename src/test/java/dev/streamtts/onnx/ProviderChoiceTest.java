package dev.streamtts.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import org.junit.jupiter.api.Test;

/** The provider choice that runs and 'stream-tts doctor' share, and the probe doctor opens. */
class ProviderChoiceTest {

    @Test
    void theProbeModelOpensOnTheCpu() {
        assertThat(OnnxSessions.probe(ExecutionProvider.CPU, OnnxOptions.cpu(1))).isEmpty();
    }

    @Test
    void eachChoiceSaysWhy() {
        OnnxSessions.Choice cpu = OnnxSessions.choose(ExecutionProvider.CPU);
        assertThat(cpu.provider()).isEqualTo(ExecutionProvider.CPU);
        assertThat(cpu.fellBack()).isFalse();
        assertThat(cpu.reason()).isEqualTo("onnx.provider cpu");
        OnnxSessions.Choice cuda = OnnxSessions.choose(ExecutionProvider.CUDA);
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            assertThat(cuda.provider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(cuda.fellBack()).isTrue();
            assertThat(cuda.reason()).contains("GPU build").contains("this build has CPU");
            assertThat(OnnxSessions.resolve(ExecutionProvider.CUDA)).isEqualTo(ExecutionProvider.CPU);
        } else {
            assertThat(cuda.provider()).isEqualTo(ExecutionProvider.CUDA);
        }
        assertThat(OnnxSessions.choose(ExecutionProvider.AUTO).reason()).startsWith("onnx.provider auto");
    }
}
