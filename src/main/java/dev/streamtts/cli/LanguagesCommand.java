package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.translate.LanguageCode;
import dev.streamtts.translate.NllbLanguages;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stream-tts languages}: the 202 NLLB codes for --source-lang / --target-lang, and which have a voice. */
@Command(name = "languages", mixinStandardHelpOptions = true,
        description = {"List the 202 NLLB-200 language codes accepted by --source-lang and --target-lang.",
            "A language with a default voice (voice.defaults in config.yaml) shows it: that is what "
                    + "'--voice auto' speaks it with. Any language can be translated into; one without a "
                    + "voice needs --voice NAME."})
final class LanguagesCommand implements Callable<Integer> {
    private final Env env;

    @Option(names = "--with-voice", description = "Only the languages that have a default voice.")
    boolean withVoice;

    @Mixin
    ConfigOptions files = new ConfigOptions();

    LanguagesCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws ConfigException {
        Map<LanguageCode, String> voices = files.load(env).config().voice().defaults();
        PrintStream out = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
        for (LanguageCode code : NllbLanguages.all()) {
            String voice = voices.get(code);
            if (voice != null) {
                out.println(code.code() + "  " + code.displayName() + "  (voice: " + voice + ")");
            } else if (!withVoice) {
                out.println(code.code() + "  " + code.displayName());
            }
        }
        return ExitCode.OK;
    }
}
