package dev.streamtts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks in scripts/bench compile against the product's classes, so a change cannot break them unseen. */
class BenchScriptsTest {
    @TempDir
    Path out;

    @Test
    void everyBenchmarkCompiles() throws Exception {
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-proc:none",
                "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.list(Path.of("scripts/bench"))) {
            files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().forEach(args::add);
        }
        assertThat(args).hasSizeGreaterThan(6);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, new PrintStream(errors, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        assertThat(rc).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    }
}
