package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.models.DownloadException;
import dev.streamtts.models.ModelEntry;
import dev.streamtts.models.ModelException;
import dev.streamtts.models.ModelFile;
import dev.streamtts.models.ModelStore;
import dev.streamtts.models.Verifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stream-tts models list | download NAME… | verify [NAME…] | path [NAME]}. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Install and check the models stream-tts uses (translation and voices).",
            "Models are listed in models/manifest.yaml with their source, size, checksum and licence; they are "
                    + "stored in the models folder (models.dir, --models-dir)."})
final class ModelsCommand implements Callable<Integer> {
    private final Env env;

    ModelsCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        env.stderr().println("Use: stream-tts models list | download NAME... | verify [NAME...] | path [NAME]");
        return ExitCode.USAGE;
    }

    /** Options every models subcommand takes. */
    static final class Where {
        @Mixin
        ConfigOptions files = new ConfigOptions();

        ModelStore store(Env env) throws ConfigException, ModelException {
            return new Components(env, files.load(env).config()).modelStore();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the models that can be installed.")
    static final class ListModels implements Callable<Integer> {
        private final Env env;
        @Mixin
        Where where;

        ListModels(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws ConfigException, ModelException {
            ModelStore store = where.store(env);
            PrintStream out = out(env);
            boolean incomplete = false;
            for (ModelEntry e : store.manifest().entries()) {
                incomplete |= e.sizeIncomplete();
                out.printf(Locale.ROOT, "%-32s %9s  %-10s %s%n", e.name(),
                        megabytes(e.knownSize()) + (e.sizeIncomplete() ? "+" : ""),
                        store.installed(e) ? "installed" : "-", e.description());
                out.printf(Locale.ROOT, "%-32s %9s  %-10s licence: %s%n", "", "", "", e.licence());
            }
            if (incomplete) {
                out.println("+: some of its files have no published size; it is larger than shown");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download models (resumable; checked against the published checksums).")
    static final class Download implements Callable<Integer> {
        private final Env env;
        @Mixin
        Where where;
        @Parameters(paramLabel = "NAME", arity = "1..*", description = "Model names from 'stream-tts models list'.")
        List<String> names;

        Download(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws ConfigException, ModelException {
            ModelStore store = where.store(env);
            List<ModelEntry> entries = entries(store, names);
            long bytes = entries.stream().mapToLong(store::missingBytes).sum();
            env.stderr().printf(Locale.ROOT, "Downloading %s into %s%n", bytes > 0 ? megabytes(bytes) : "what is missing",
                    store.modelsDir());
            for (ModelEntry e : entries) {
                try {
                    store.install(e, Components.downloader(env));
                    env.stderr().println(e.name() + ": installed in " + store.dirOf(e));
                } catch (DownloadException ex) {
                    throw new ModelException(e.name() + ": " + ex.getMessage(), ex);
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check installed models: sizes and published checksums.",
                "Exit code 0 when every file of the models checked is present and matches, 1 otherwise. Files "
                        + "whose publisher lists no checksum are reported as 'size only'."})
    static final class Verify implements Callable<Integer> {
        private final Env env;
        @Mixin
        Where where;
        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Models to check (default: every installed one).")
        List<String> names = new ArrayList<>();

        Verify(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws ConfigException, ModelException, IOException {
            ModelStore store = where.store(env);
            List<ModelEntry> entries = names.isEmpty()
                    ? store.manifest().entries().stream().filter(e -> store.verifyWorthy(e)).toList()
                    : entries(store, names);
            PrintStream out = out(env);
            boolean ok = true;
            for (ModelEntry e : entries) {
                for (Map.Entry<ModelFile, Verifier.Status> r : store.verify(e).entrySet()) {
                    ok &= intact(r.getValue());
                    out.printf("%-32s %-44s %s%n", e.name(), r.getKey().path(), describe(r.getKey(), r.getValue()));
                }
            }
            if (entries.isEmpty()) {
                env.stderr().println("No models installed in " + store.modelsDir() + ".");
            }
            return ok ? ExitCode.OK : ExitCode.FAILURE;
        }
    }

    /** What a verified file's status means, as 'models verify' prints it. */
    static String describe(ModelFile file, Verifier.Status status) {
        return switch (status) {
            case VERIFIED -> "ok (" + file.checksumAlgorithm() + ")";
            case SIZE_ONLY -> file.size() == null ? "unverified (no size or checksum published)"
                    : "size only (no checksum published)";
            case SIZE_DIFFERS -> "size differs from the manifest's " + file.size()
                    + " (no checksum published; a small text file the publisher may have edited)";
            case MISSING -> "MISSING";
            case CORRUPT -> "CORRUPT (wrong size or checksum: download it again)";
        };
    }

    /** A file that can be used as it is (what 'models verify' exits 0 on). */
    static boolean intact(Verifier.Status status) {
        return status != Verifier.Status.MISSING && status != Verifier.Status.CORRUPT;
    }

    @Command(name = "path", mixinStandardHelpOptions = true, description = "Print the models folder, or one installed model's folder (exit 1 when it is not installed).")
    static final class PathOf implements Callable<Integer> {
        private final Env env;
        @Mixin
        Where where;
        @Parameters(paramLabel = "NAME", arity = "0..1", description = "A model name.")
        String name;

        PathOf(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws ConfigException, ModelException {
            ModelStore store = where.store(env);
            if (name == null) {
                out(env).println(store.modelsDir());
                return ExitCode.OK;
            }
            ModelEntry entry = entries(store, List.of(name)).get(0);
            if (!store.installed(entry)) {
                // a script using the path would otherwise go on with a folder that is not there
                env.stderr().println("stream-tts: " + name + " is not installed (it would go to " + store.dirOf(entry)
                        + "); run 'stream-tts models download " + name + "'");
                return ExitCode.FAILURE;
            }
            out(env).println(store.dirOf(entry));
            return ExitCode.OK;
        }
    }

    static List<ModelEntry> entries(ModelStore store, List<String> names) throws ModelException {
        List<ModelEntry> out = new ArrayList<>();
        for (String n : names) {
            out.add(store.manifest().find(n).orElseThrow(() -> new ModelException("no model '" + n
                    + "' in the manifest; 'stream-tts models list' shows the names")));
        }
        return out;
    }

    static String megabytes(long bytes) {
        return bytes <= 0 ? "?" : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    private static PrintStream out(Env env) {
        return new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
    }
}
