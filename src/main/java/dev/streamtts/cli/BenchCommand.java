package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.Config;
import dev.streamtts.onnx.ModelUse;
import dev.streamtts.onnx.ProviderBench;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stream-tts bench providers}: how the configured models run on each execution provider here. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure how stream-tts's models run on this machine.")
final class BenchCommand implements Callable<Integer> {
    private final Env env;

    BenchCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        env.stderr().println("Use: stream-tts bench providers [--runs N] [--remember] [options of a run]");
        return ExitCode.USAGE;
    }

    @Command(name = "providers", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            description = {
                "Time each model the configuration uses on each ONNX Runtime execution provider this machine has "
                        + "(the CPU; CoreML on macOS on Apple Silicon; CUDA with ONNX Runtime's GPU build): load time, "
                        + "first run, the median of the timed runs, and where ONNX Runtime put the nodes (CoreML's "
                        + "partitions and nodes, the CPU's nodes), then what onnx.provider makes of each model.",
                "Prints a Markdown table to stdout, to paste into an issue. Takes the options of a run "
                        + "(--config, --models-dir, --target-lang, --voice, ...). One model and provider at a time, "
                        + "each within 120 s; the first CoreML load of a model can take a minute while CoreML compiles it.",
                ""},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every model ran on the CPU (other providers' failures are in the table)",
                "1:a model could not be run on the CPU, or none is installed",
                "2:bad usage or configuration"})
    static final class Providers implements Callable<Integer> {
        private final Env env;

        @Mixin
        RunOptions run = new RunOptions();

        @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
                description = "Timed runs per model and provider, after one untimed run (default: 5).")
        int runs;

        @Option(names = "--remember",
                description = "Also remember the faster provider of each model, as the background trial of a run "
                        + "does (onnx.provider auto on Apple Silicon): later runs use it.")
        boolean remember;

        Providers(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws ConfigException {
            if (runs < 1 || runs > 1000) {
                throw new ConfigException("--runs " + runs + ": give 1 to 1000 runs");
            }
            Config config = run.load(env).config();
            Components components = new Components(env, config);
            List<ModelUse> models = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (ConfiguredModels.Part part : ConfiguredModels.of(components, config)) {
                models.addAll(part.models());
                if (part.absent() != null) {
                    missing.add(part.label() + ": not measured: " + part.absent());
                }
            }
            String version = new VersionProvider().getVersion()[0];
            PrintStream out = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
            boolean ran = ProviderBench.run(new ProviderBench.Request(models, missing, components.onnxOptions(), runs,
                    remember, version), out, env.stderr());
            out.flush();
            return ran ? ExitCode.OK : ExitCode.FAILURE;
        }
    }
}
