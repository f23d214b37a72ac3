package dev.streamtts.cli;

import dev.streamtts.cli.config.Config;
import dev.streamtts.models.DownloadException;
import dev.streamtts.models.Downloader;
import dev.streamtts.models.ModelEntry;
import dev.streamtts.models.ModelException;
import dev.streamtts.models.ModelManifest;
import dev.streamtts.models.ModelStore;
import dev.streamtts.models.Progress;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.onnx.ThreadSplit;
import dev.streamtts.translate.LanguageCode;
import dev.streamtts.translate.NllbTranslator;
import dev.streamtts.translate.Translator;
import dev.streamtts.tts.Voice;
import dev.streamtts.tts.VoiceCatalog;
import dev.streamtts.tts.Voices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the model-backed parts (translator, voice) that the configuration asks for. */
final class Components {
    private static final Logger log = LoggerFactory.getLogger(Components.class);

    private final Env env;
    private final Config config;

    Components(Env env, Config config) {
        this.env = env;
        this.config = config;
    }

    Path modelsDir() {
        return env.appHome().resolve(config.models().dir());
    }

    OnnxOptions onnxOptions() {
        return config.onnx().options(modelsDir());
    }

    /** Threads of the translator and of the voice beside it (onnx.threads; 0: half the CPUs each). */
    ThreadSplit threads() {
        return ThreadSplit.of(config.onnx().threads(), config.translate().enabled(),
                Runtime.getRuntime().availableProcessors());
    }

    /** The models folder with the manifest in use (models.manifest, else the checkout's, else the built-in one). */
    ModelStore modelStore() throws ModelException {
        String configured = config.models().manifest();
        ModelManifest manifest;
        if (!configured.isBlank()) {
            manifest = ModelManifest.read(env.workingDir().resolve(configured));
        } else if (Files.isRegularFile(env.appHome().resolve("models/manifest.yaml"))) {
            manifest = ModelManifest.read(env.appHome().resolve("models/manifest.yaml"));
        } else {
            manifest = ModelManifest.builtIn();
        }
        return new ModelStore(modelsDir(), manifest);
    }

    static Downloader downloader(Env env) {
        return new Downloader(Downloader.httpClient(env.variables()), Progress.forStderr(env.stderr()),
                Duration.ofSeconds(60));
    }

    /**
     * First run: downloads (or names) the models this run needs and does not have, before any input is
     * read. Models that are not in the manifest (your own exports) are left to the loaders' checks.
     */
    void ensureModels(boolean dryRun) throws ModelException {
        ModelStore store = modelStore();
        List<ModelEntry> missing = missingModels(store, dryRun);
        if (missing.isEmpty()) {
            return;
        }
        String names = String.join(" ", missing.stream().map(ModelEntry::name).toList());
        long bytes = missing.stream().mapToLong(store::missingBytes).sum();
        if (!config.models().autoDownload()) {
            throw new ModelException("missing models: " + names + " (" + ModelsCommand.megabytes(bytes) + "); run "
                    + "'stream-tts models download " + names + "' (or set models.auto_download: true)");
        }
        // Not "first run": a run after a failed or partial download is not one. No "(?)" for an unknown size.
        env.stderr().printf(Locale.ROOT, "stream-tts: downloading %s%s into %s (once: later runs use it)%s%n", names,
                bytes > 0 ? " (" + ModelsCommand.megabytes(bytes) + ")" : "", store.modelsDir(), DoctorCommand.HINT);
        for (ModelEntry e : missing) {
            try {
                store.install(e, downloader(env));
            } catch (DownloadException ex) {
                throw new ModelException(e.name() + ": " + ex.getMessage() + "; to retry: stream-tts models download "
                        + e.name(), ex);
            }
        }
    }

    /**
     * The manifest's models that a run (a dry run: the translator only) needs and are not installed, in the
     * order they would be downloaded; fails as {@link #missingVoice} does.
     */
    List<ModelEntry> missingModels(ModelStore store, boolean dryRun) throws ModelException {
        List<ModelEntry> missing = new ArrayList<>();
        if (config.translate().enabled()) {
            translatorEntry(store).filter(e -> !store.installed(e)).ifPresent(missing::add);
        }
        if (!dryRun) {
            missingVoice(store).filter(e -> !missing.contains(e)).ifPresent(missing::add);
        }
        return missing;
    }

    /** The manifest's entry for the configured translator at the configured precision, if it lists one. */
    Optional<ModelEntry> translatorEntry(ModelStore store) {
        String what = "translator:" + config.translate().model() + ":"
                + config.translate().precision().name().toLowerCase(Locale.ROOT);
        return store.manifest().providing(what);
    }

    /** The folder the translator is loaded from. */
    Path translatorDir() {
        return modelsDir().resolve(config.translate().model());
    }

    /** The voice the configuration asks for: voice.name, or with 'auto' the spoken language's default (null: none). */
    String wantedVoice() {
        Config.Voice voice = config.voice();
        return voice.auto() ? voice.defaults().get(config.translate().spoken()) : voice.name();
    }

    /**
     * The manifest's entry to download for the voice, when it is not installed and the manifest has it.
     * Fails, before anything is downloaded or loaded, when the voice's files are there but broken, when a
     * voice named with --voice can be neither found nor downloaded, or when no voice speaks the language.
     */
    Optional<ModelEntry> missingVoice(ModelStore store) throws ModelException {
        String voice = wantedVoice();
        VoiceCatalog installed = voices();
        if (voice != null && installed.broken(voice).isPresent()) {
            String model = store.manifest().providing("voice:" + voice).map(ModelEntry::name).orElse(voice);
            throw new ModelException("voice '" + voice + "' is broken: " + installed.broken(voice).get()
                    + "; download it again: stream-tts models download " + model);
        }
        return resolveVoice(installed, store.manifest()) instanceof VoiceChoice.Download d && !store.installed(d.entry())
                ? Optional.of(d.entry()) : Optional.empty();
    }

    /** The voice a run speaks with, or the model to download for it: see {@link VoiceChoice}. */
    VoiceChoice resolveVoice(VoiceCatalog installed, ModelManifest manifest) throws ModelException {
        String name = config.voice().name();
        LanguageCode spoken = config.translate().spoken();
        if (!config.voice().auto()) {
            Optional<VoiceCatalog.Entry> entry = installed.find(name);
            if (entry.isPresent()) {
                return new VoiceChoice.Installed(entry.get(), null);
            }
            Optional<ModelEntry> download = manifest == null ? Optional.empty() : manifest.providing("voice:" + name);
            if (download.isPresent()) {
                return new VoiceChoice.Download(name, download.get());
            }
            throw new ModelException(notInstalled("voice '" + name + "'", installed)
                    + (manifest == null ? "" : "; it cannot be downloaded either (" + downloadableVoices(manifest) + ")"));
        }
        String preferred = config.voice().defaults().get(spoken);
        if (preferred != null && installed.find(preferred).isPresent()) {
            return new VoiceChoice.Installed(installed.find(preferred).get(), null);
        }
        Optional<VoiceCatalog.Entry> any = installed.anyFor(spoken.locale().getLanguage());
        if (any.isPresent()) {
            return new VoiceChoice.Installed(any.get(), String.format(Locale.ROOT, "voice %s (%s): the default for %s is %s",
                    any.get().name(), any.get().language(), spoken,
                    preferred == null ? "not set (voice.defaults)" : preferred + ", which is not installed"));
        }
        Optional<ModelEntry> download = preferred == null || manifest == null ? Optional.empty()
                : manifest.providing("voice:" + preferred);
        if (download.isPresent()) {
            return new VoiceChoice.Download(preferred, download.get());
        }
        if (preferred == null) {
            throw new ModelException("no voice speaks " + spoken.displayName() + " (" + spoken + "): none is "
                    + "installed and voice.defaults names none; 'stream-tts languages --with-voice' lists the "
                    + "languages that have one, or give a voice with --voice NAME");
        }
        throw new ModelException(notInstalled("a voice for " + spoken.displayName() + " (" + spoken + "), such as "
                + preferred + ",", installed));
    }

    private static String downloadableVoices(ModelManifest manifest) {
        Set<String> names = new LinkedHashSet<>(); // a voice several entries provide is named once
        for (ModelEntry e : manifest.entries()) {
            for (String p : e.provides()) {
                if (p.startsWith("voice:")) {
                    names.add(p.substring("voice:".length()));
                }
            }
        }
        return names.isEmpty() ? "the manifest lists none" : "downloadable: " + String.join(", ", names);
    }

    VoiceCatalog voices() {
        return VoiceCatalog.scan(modelsDir());
    }

    Translator translator() throws ModelException {
        return NllbTranslator.open(translatorSettings(onnxOptions().withThreads(threads().translator())));
    }

    /** What the translator is opened with: the configured model, languages, decoding and shortlist. */
    NllbTranslator.Settings translatorSettings(OnnxOptions onnx) {
        Config.Translate t = config.translate();
        return new NllbTranslator.Settings(translatorDir(), t.precision(), t.sourceLang(), t.targetLang(),
                t.generation(), t.cache(), onnx, t.shortlist());
    }

    Voice voice() throws ModelException {
        VoiceCatalog catalog = voices();
        VoiceCatalog.Entry entry = chooseVoice(catalog);
        languageMismatch(entry).ifPresent(log::warn);
        return Voices.open(entry, config.voice().options(), onnxOptions().withThreads(threads().voice()));
    }

    /** When the voice speaks another language than the text it will be given: a sentence saying so. */
    Optional<String> languageMismatch(VoiceCatalog.Entry entry) {
        LanguageCode spoken = config.translate().spoken();
        if (entry.language().equals(spoken.locale().getLanguage())) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "voice %s speaks '%s', but the text will be in %s (%s)",
                entry.name(), entry.language(), spoken.displayName(), spoken));
    }

    /** The installed voice a run speaks with (the same choice {@link #voice} makes), or why there is none. */
    VoiceCatalog.Entry chooseVoice(VoiceCatalog catalog) throws ModelException {
        if (resolveVoice(catalog, null) instanceof VoiceChoice.Installed chosen) {
            if (chosen.note() != null) {
                log.info(chosen.note());
            }
            return chosen.entry();
        }
        throw new IllegalStateException("a voice to download without a manifest"); // resolveVoice never does
    }

    private String notInstalled(String what, VoiceCatalog catalog) {
        String installed = catalog.entries().isEmpty() ? "none" : String.join(", ",
                catalog.entries().stream().map(VoiceCatalog.Entry::name).toList());
        return what + " is not installed in " + modelsDir() + " (installed: " + installed
                + "); 'stream-tts voices' lists them";
    }
}
