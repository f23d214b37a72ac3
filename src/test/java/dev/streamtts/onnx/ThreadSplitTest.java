package dev.streamtts.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThreadSplitTest {

    @Test
    void byDefaultTheTranslatorAndTheVoiceShareTheCpusInHalves() {
        assertEquals(new ThreadSplit(8, 8), ThreadSplit.of(0, true, 16));
        assertEquals(new ThreadSplit(2, 2), ThreadSplit.of(0, true, 4));
        assertEquals(new ThreadSplit(2, 3), ThreadSplit.of(0, true, 5));
    }

    @Test
    void oneCpuIsSharedRatherThanLeftWithoutThreads() {
        assertEquals(new ThreadSplit(1, 1), ThreadSplit.of(0, true, 1));
    }

    @Test
    void theVoiceAloneIsLeftToOnnxRuntime() {
        assertEquals(new ThreadSplit(0, 0), ThreadSplit.of(0, false, 16));
    }

    @Test
    void aConfiguredCountIsEachModels() {
        assertEquals(new ThreadSplit(3, 3), ThreadSplit.of(3, true, 16));
        assertEquals(new ThreadSplit(3, 3), ThreadSplit.of(3, false, 16));
    }
}
