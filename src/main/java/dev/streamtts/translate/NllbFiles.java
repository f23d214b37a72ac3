package dev.streamtts.translate;

import dev.streamtts.models.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Locates the files of an NLLB export in Optimum's ONNX layout: {@code config.json}, {@code tokenizer.json}
 * and either the merged decoder or the decoder pair, at the top of the folder or in its {@code onnx/}
 * folder (as in the Xenova conversions), fp32 or dynamically quantized int8.
 *
 * @param withPastDecoder null when {@code decoder} is the merged one
 */
public record NllbFiles(Path dir, Path config, Path tokenizer, Path encoder, Path decoder, Path withPastDecoder) {

    /** How the folder's ONNX files are chosen. */
    public enum Precision {
        FP32(List.of("")),
        INT8(List.of("_quantized", "_int8", "_q8"));

        final List<String> suffixes;

        Precision(List<String> suffixes) {
            this.suffixes = suffixes;
        }
    }

    public boolean merged() {
        return withPastDecoder == null;
    }

    /**
     * @param preferMerged take the merged decoder when both layouts are present (it shares weights
     *                     between the two branches, so it needs half the memory)
     */
    public static NllbFiles locate(Path dir, Precision precision, boolean preferMerged, String fix) throws ModelException {
        if (!Files.isDirectory(dir)) {
            throw new ModelException(dir + ": model folder missing; " + fix);
        }
        Path config = need(dir.resolve("config.json"), fix);
        Path tokenizer = need(dir.resolve("tokenizer.json"), fix);
        Path encoder = find(dir, "encoder_model", precision);
        if (encoder == null) {
            throw new ModelException(dir + ": no encoder_model" + precision.suffixes.get(0) + ".onnx (looked in "
                    + dir + " and " + dir.resolve("onnx") + "); " + fix);
        }
        Path merged = find(dir, "decoder_model_merged", precision);
        Path plain = find(dir, "decoder_model", precision);
        Path withPast = find(dir, "decoder_with_past_model", precision);
        boolean pair = plain != null && withPast != null;
        if (merged != null && (preferMerged || !pair)) {
            return new NllbFiles(dir, config, tokenizer, encoder, merged, null);
        }
        if (pair) {
            return new NllbFiles(dir, config, tokenizer, encoder, plain, withPast);
        }
        throw new ModelException(dir + ": no decoder_model_merged" + precision.suffixes.get(0)
                + ".onnx, nor the pair decoder_model + decoder_with_past_model; " + fix);
    }

    private static Path find(Path dir, String stem, Precision precision) {
        for (Path base : List.of(dir, dir.resolve("onnx"))) {
            for (String suffix : precision.suffixes) {
                Path p = base.resolve(stem + suffix + ".onnx");
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static Path need(Path file, String fix) throws ModelException {
        if (!Files.isRegularFile(file)) {
            throw new ModelException(file + ": missing; " + fix);
        }
        return file;
    }
}
