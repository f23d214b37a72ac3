package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.models.ModelException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;

/** The one place a {@link CommandLine} is put together: used by {@code main} and by the tests. */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    public static CommandLine create(Env env) {
        StreamTtsCommand root = new StreamTtsCommand(env);
        CommandLine cl = new CommandLine(root);
        cl.addSubcommand("devices", new DevicesCommand(env));
        cl.addSubcommand("voices", new VoicesCommand(env));
        CommandLine models = new CommandLine(new ModelsCommand(env));
        models.addSubcommand("list", new ModelsCommand.ListModels(env));
        models.addSubcommand("download", new ModelsCommand.Download(env));
        models.addSubcommand("verify", new ModelsCommand.Verify(env));
        models.addSubcommand("path", new ModelsCommand.PathOf(env));
        cl.addSubcommand("models", models);
        cl.addSubcommand("languages", new LanguagesCommand(env));
        cl.addSubcommand("doctor", new DoctorCommand(env));
        cl.addSubcommand("translate", new TranslateCommand(env));
        CommandLine bench = new CommandLine(new BenchCommand(env));
        bench.addSubcommand("providers", new BenchCommand.Providers(env));
        cl.addSubcommand("bench", bench);
        GenerateCompletion completion = new GenerateCompletion();
        cl.addSubcommand("generate-completion", completion);
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false)
                .description("Print a bash/zsh completion script (options, commands, language codes, voice names "
                        + "installed or downloadable when it is made): source <(stream-tts generate-completion)");
        cl.setDefaultValueProvider(new ConfigDefaults(env)); // after the subcommands: it reaches those there
        // "--models-dir models" must mean the folder, not the 'models' command.
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(env.stdout(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(env.stderr(), true));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof ModelException) {
                // a run that stops on a missing or broken model points to the check of everything it needs
                boolean run = e instanceof ModelException && commandLine.getCommand() instanceof StreamTtsCommand;
                env.stderr().println("stream-tts: " + e.getMessage() + (run ? DoctorCommand.HINT : ""));
                return ExitCode.USAGE;
            }
            env.stderr().println("stream-tts: error: " + e);
            if (root.verbose) {
                LoggerFactory.getLogger(CommandLineFactory.class).error("details", e);
            }
            return ExitCode.FAILURE;
        });
        return cl;
    }
}
