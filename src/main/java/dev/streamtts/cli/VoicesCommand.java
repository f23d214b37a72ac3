package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.tts.VoiceCatalog;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stream-tts voices}: the voices installed under the models folder. */
@Command(name = "voices", mixinStandardHelpOptions = true,
        description = {"List the installed voices: name (for --voice), kind, language, sample rate and file."})
final class VoicesCommand implements Callable<Integer> {
    private final Env env;

    @Mixin
    ConfigOptions files = new ConfigOptions();

    VoicesCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws ConfigException {
        Components components = new Components(env, files.load(env).config());
        VoiceCatalog catalog = components.voices();
        if (catalog.entries().isEmpty()) {
            env.stderr().println("No voices installed in " + components.modelsDir() + ".");
            return ExitCode.OK;
        }
        PrintStream out = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
        for (VoiceCatalog.Entry e : catalog.entries()) {
            out.printf("%-28s %-7s %-3s %6d Hz  %s%n", e.name(), e.kind().name().toLowerCase(java.util.Locale.ROOT),
                    e.language(), e.sampleRate(), components.modelsDir().relativize(e.model()));
        }
        return ExitCode.OK;
    }
}
