package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.RawValue;
import dev.streamtts.models.ModelException;
import dev.streamtts.translate.NllbTranslator;
import dev.streamtts.translate.Shortlist;
import dev.streamtts.translate.ShortlistComparison;
import dev.streamtts.translate.TranslationException;
import dev.streamtts.translate.Translator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stream-tts translate [--compare] [FILE]}: translates lines of text, or checks the output shortlist on them. */
@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Translate text, one sentence per line, from FILE (or stdin) with the configured translator, and "
                    + "print one translation per line (a line already in the target script is printed as it is).",
            "With --compare: translate every line twice, with the full vocabulary and with the output shortlist "
                    + "(translate.shortlist in config.yaml), and print the lines whose translations differ, with the "
                    + "tokens of the full translation that the shortlist leaves out, then a summary. Run it on "
                    + "sentences like yours to check the shortlist on the real model.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:translated; with --compare: every difference is explained by tokens outside the shortlist",
            "1:with --compare: some translation differs without such a token (possible with beam search)",
            "2:bad usage, bad configuration, missing or corrupt models"})
final class TranslateCommand implements Callable<Integer> {
    private final Env env;

    @ParentCommand
    StreamTtsCommand root;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Text, one sentence per line (default: stdin).")
    Path file;

    @Option(names = "--compare", description = "Compare the translations with and without the output shortlist.")
    boolean compare;

    @Mixin
    ConfigOptions files = new ConfigOptions();

    @Mixin
    LanguageOptions languages = new LanguageOptions();

    TranslateCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws ConfigException, ModelException, IOException, TranslationException {
        Logging.configure(root != null && root.verbose, root != null && root.quiet);
        Map<String, RawValue> translating = Map.of("translate.enabled", new RawValue("true", "stream-tts translate"));
        Components components = new Components(env, files.load(env, translating).config());
        List<String> lines = lines();
        components.ensureModels(true);
        PrintStream out = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
        if (!compare) {
            try (Translator t = components.translator()) {
                for (String line : lines) {
                    Optional<String> translated = t.translate(List.of(line)).get(0);
                    out.println(translated.orElse(line));
                }
            }
            return ExitCode.OK;
        }
        NllbTranslator.Settings settings = components.translatorSettings(components.onnxOptions());
        int same = 0;
        int explained = 0;
        int unexplained = 0;
        try (ShortlistComparison c = ShortlistComparison.open(settings)) {
            Shortlist shortlist = c.shortlist();
            for (String line : lines) {
                ShortlistComparison.Outcome o = c.compare(line);
                if (o.same()) {
                    same++;
                    continue;
                }
                boolean why = !o.outside().isEmpty();
                if (why) {
                    explained++;
                } else {
                    unexplained++;
                }
                out.println("differs: " + o.source());
                out.println("  full:      " + o.full());
                out.println("  shortlist: " + o.shortlisted());
                out.println(why ? "  the full translation uses tokens outside the shortlist: "
                        + String.join(" ", new LinkedHashSet<>(o.outside().stream().map(p -> "'" + p + "'").toList()))
                        : "  the full translation uses no token outside the shortlist");
            }
            out.printf(Locale.ROOT, "%d sentences (%s → %s, %s, %d beam%s, shortlist of %,d of %,d tokens): %d the same, "
                            + "%d differ where the full translation uses tokens outside the shortlist, %d differ otherwise%n",
                    lines.size(), settings.source(), settings.target(), settings.precision().name().toLowerCase(Locale.ROOT),
                    settings.generation().numBeams(), settings.generation().numBeams() == 1 ? "" : "s", shortlist.size(),
                    shortlist.vocab(), same, explained, unexplained);
        }
        return unexplained == 0 ? ExitCode.OK : ExitCode.FAILURE;
    }

    private List<String> lines() throws IOException, ConfigException {
        BufferedReader in;
        if (file == null || file.toString().equals("-")) {
            in = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8));
        } else {
            Path f = env.workingDir().resolve(file);
            if (!Files.isRegularFile(f)) {
                throw new ConfigException(f + ": no such file");
            }
            in = Files.newBufferedReader(f, StandardCharsets.UTF_8);
        }
        List<String> lines = new ArrayList<>();
        try (in) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        }
        return lines;
    }
}
