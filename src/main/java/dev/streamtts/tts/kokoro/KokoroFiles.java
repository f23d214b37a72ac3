package dev.streamtts.tts.kokoro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the files of an installed Kokoro model: its folder holds {@code config.json} (with the phoneme
 * vocabulary), an ONNX export (at the top or in {@code onnx/}), and voices as {@code voices/NAME.bin}
 * or inside a {@code voices*.bin} numpy archive.
 */
public final class KokoroFiles {
    /**
     * Which export to use when several are present: fp32 first. On a CPU the dynamically quantized int8
     * export is slower, not faster (docs/PERFORMANCE.md, "Kokoro-82M"); it is there for small disks.
     */
    private static final List<String> PREFERRED = List.of("kokoro-v1.0.onnx", "model.onnx",
            "kokoro-v1.0.int8.onnx", "model_quantized.onnx", "kokoro-v1.0.fp16.onnx", "model_fp16.onnx");

    /** A voice of an installed model. */
    public record VoiceFile(String name, Path model, Path file) {
    }

    private KokoroFiles() {
    }

    /** True when {@code configJson} is a Kokoro model's config (it has a vocabulary and iSTFTNet settings). */
    public static boolean isKokoroConfig(Path configJson) {
        try {
            JsonNode c = new ObjectMapper().readTree(configJson.toFile());
            return c != null && c.has("vocab") && c.has("istftnet");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What is wrong with the config.json of a folder that holds Kokoro voices (voices/*.bin or a
     * voices*.bin archive) but whose config cannot be used; empty when the folder is not Kokoro's or the
     * config is fine.
     */
    public static Optional<String> brokenConfig(Path configJson) {
        Path dir = configJson.getParent();
        boolean hasVoices = Files.isDirectory(dir.resolve("voices"));
        if (!hasVoices) {
            try (Stream<Path> files = Files.list(dir)) {
                hasVoices = files.anyMatch(f -> f.getFileName().toString().matches("voices.*\\.bin"));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        if (!hasVoices || isKokoroConfig(configJson)) {
            return Optional.empty();
        }
        try {
            if (Files.size(configJson) == 0) {
                return Optional.of(configJson + " is empty");
            }
            JsonNode c = new ObjectMapper().readTree(configJson.toFile());
            return Optional.of(configJson + (c == null || !c.isObject() ? " is not a JSON object"
                    : " has no phoneme vocabulary ('vocab') or no 'istftnet' settings"));
        } catch (IOException e) {
            return Optional.of(configJson + " cannot be read: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The voices of the model whose config.json is given, or none when it has no ONNX export. */
    public static List<VoiceFile> voices(Path configJson) throws IOException {
        Path dir = configJson.getParent();
        Path model = model(dir);
        List<VoiceFile> out = new ArrayList<>();
        if (model == null) {
            return out;
        }
        Path voicesDir = dir.resolve("voices");
        if (Files.isDirectory(voicesDir)) {
            try (Stream<Path> files = Files.list(voicesDir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().forEach(p -> out.add(
                        new VoiceFile(p.getFileName().toString().replaceFirst("\\.bin$", ""), model, p)));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().matches("voices.*\\.bin")).sorted().toList()) {
                if (isZip(p)) {
                    for (String name : VoiceStyles.npzNames(p)) {
                        if (out.stream().noneMatch(v -> v.name().equals(name))) {
                            out.add(new VoiceFile(name, model, p));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The model's config.json, beside the export or one folder up (for exports kept in onnx/). */
    public static Path config(Path model) {
        Path here = model.resolveSibling("config.json");
        return Files.isRegularFile(here) ? here : model.getParent().resolveSibling("config.json");
    }

    static Path model(Path dir) throws IOException {
        for (Path base : List.of(dir, dir.resolve("onnx"))) {
            for (String name : PREFERRED) {
                if (Files.isRegularFile(base.resolve(name))) {
                    return base.resolve(name);
                }
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".onnx")).sorted().findFirst().orElse(null);
        }
    }

    public static boolean isZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && magic[0] == 'P' && magic[1] == 'K';
        } catch (IOException e) {
            return false;
        }
    }

    /** The language of a Kokoro voice, from its name's first letter (ISO 639-1). */
    public static String language(String voice) {
        return switch (voice.isEmpty() ? ' ' : voice.charAt(0)) {
            case 'a', 'b' -> "en";
            case 'j' -> "ja";
            case 'e' -> "es";
            case 'f' -> "fr";
            case 'h' -> "hi";
            case 'i' -> "it";
            case 'p' -> "pt";
            case 'z' -> "zh";
            default -> "";
        };
    }
}
