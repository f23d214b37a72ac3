package dev.streamtts.cli;

import dev.streamtts.translate.LanguageCode;
import dev.streamtts.translate.NllbLanguages;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code stream-tts languages}: the 202 NLLB codes for --source-lang / --target-lang. */
@Command(name = "languages", mixinStandardHelpOptions = true,
        description = "List the 202 NLLB-200 language codes accepted by --source-lang and --target-lang.")
final class LanguagesCommand implements Callable<Integer> {
    private final Env env;

    LanguagesCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
        for (LanguageCode code : NllbLanguages.all()) {
            out.println(code.code() + "  " + code.displayName());
        }
        return ExitCode.OK;
    }
}
