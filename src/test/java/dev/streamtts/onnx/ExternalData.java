package dev.streamtts.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites a model the way onnx.save_model(save_as_external_data=True, all_tensors_to_one_file=True)
 * does for files over 2 GB: the data of every top-level initializer moves into one file beside it.
 */
public final class ExternalData {
    private ExternalData() {
    }

    /** Moves the initializers' raw data of {@code model} (in place) into {@code model}'s folder as {@code dataFile}. */
    public static void moveOut(Path model, String dataFile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ProtoFile f = new ProtoFile(model); OutputStream data = Files.newOutputStream(model.resolveSibling(dataFile))) {
            long offset = 0;
            for (ProtoFile.Field top : f.fields(0, f.size())) {
                if (top.number() != OnnxModel.MODEL_GRAPH) {
                    out.writeBytes(f.bytes(top.tag(), Math.toIntExact(top.end() - top.tag())));
                    continue;
                }
                ByteArrayOutputStream graph = new ByteArrayOutputStream();
                for (ProtoFile.Field g : f.fields(top.start(), top.end())) {
                    if (g.number() != OnnxModel.GRAPH_INITIALIZER) {
                        graph.writeBytes(f.bytes(g.tag(), Math.toIntExact(g.end() - g.tag())));
                        continue;
                    }
                    ByteArrayOutputStream tensor = new ByteArrayOutputStream();
                    byte[] raw = null;
                    for (ProtoFile.Field t : f.fields(g.start(), g.end())) {
                        if (t.number() == OnnxModel.TENSOR_RAW_DATA) {
                            raw = f.bytes(t.start(), Math.toIntExact(t.length()));
                        } else {
                            tensor.writeBytes(f.bytes(t.tag(), Math.toIntExact(t.end() - t.tag())));
                        }
                    }
                    if (raw == null) {
                        throw new IOException("an initializer without raw_data");
                    }
                    data.write(raw);
                    tensor.writeBytes(Proto.message(13, Proto.concat(Proto.string(1, "location"),
                            Proto.string(2, dataFile))));
                    tensor.writeBytes(Proto.message(13, Proto.concat(Proto.string(1, "offset"),
                            Proto.string(2, Long.toString(offset)))));
                    tensor.writeBytes(Proto.message(13, Proto.concat(Proto.string(1, "length"),
                            Proto.string(2, Integer.toString(raw.length)))));
                    tensor.writeBytes(Proto.varint(14, 1));
                    offset += raw.length;
                    graph.writeBytes(Proto.message(OnnxModel.GRAPH_INITIALIZER, tensor.toByteArray()));
                }
                out.writeBytes(Proto.message(OnnxModel.MODEL_GRAPH, graph.toByteArray()));
            }
        }
        Files.write(model, out.toByteArray());
    }
}
