package dev.streamtts.cli;

import dev.streamtts.audio.NoDeviceException;
import dev.streamtts.audio.SpeakerSink;
import dev.streamtts.cli.config.ConfigException;
import dev.streamtts.cli.config.Config;
import dev.streamtts.cli.config.LoadedConfig;
import dev.streamtts.models.ModelEntry;
import dev.streamtts.models.ModelException;
import dev.streamtts.models.ModelFile;
import dev.streamtts.models.ModelStore;
import dev.streamtts.models.Verifier;
import dev.streamtts.onnx.AutoProvider;
import dev.streamtts.onnx.ExecutionProvider;
import dev.streamtts.onnx.ModelUse;
import dev.streamtts.onnx.OnnxOptions;
import dev.streamtts.onnx.OnnxSessions;
import dev.streamtts.onnx.ThreadSplit;
import dev.streamtts.translate.NllbFiles;
import dev.streamtts.translate.NllbTranslator;
import dev.streamtts.tts.VoiceCatalog;
import dev.streamtts.tts.Voices;
import dev.streamtts.tts.espeak.EspeakException;
import dev.streamtts.tts.espeak.EspeakInfo;
import dev.streamtts.tts.espeak.EspeakPhonemizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code stream-tts doctor}: checks what a run with the same options needs, one line per check, and names
 * the command that fixes each problem. Every check is made with the code the run itself uses (the same
 * configuration, voice choice, manifest verification, espeak-ng loading, sound device opening and
 * execution-provider choice); nothing is downloaded and none of the models is loaded.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Check what a run needs and explain each problem with the command that fixes it.",
            "Checks: Java; the configuration; the models it needs (installed, and their files verified as "
                    + "'models verify' does; or what would be downloaded, and whether the disk has room); espeak-ng "
                    + "(library, version, the espeak-ng voice the voice needs); the sound device (opened at the "
                    + "voice's sample rate, then closed); the ONNX Runtime execution provider (CoreML / CUDA / CPU) "
                    + "each model would get, and why (on Apple Silicon with onnx.provider auto, for each model "
                    + "file: its operators, or a trial's remembered verdict); threads.",
            "Takes the options of a run and checks for that run. Downloads nothing and loads none of the "
                    + "models (it reads their operator lists). One line per check: ok, warn (a run still works) or "
                    + "FAIL (it does not), then a summary.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a run with these options would work (warnings allowed)",
            "1:it would not: the FAIL lines say why and what to run"})
final class DoctorCommand implements Callable<Integer> {
    /** Appended to the first-run download line and to the model errors of a run. */
    static final String HINT = " (run 'stream-tts doctor' for a full check)";

    /** The rate the sound device is tried at when the voice is not installed yet (Piper's medium voices). */
    private static final int UNKNOWN_VOICE_RATE = 22_050;

    private final Env env;

    @Mixin
    RunOptions run = new RunOptions();

    private PrintStream out;
    private int failures;
    private int warnings;

    // What the checks found, for the checks after them.
    private LoadedConfig loaded;
    private Config config;
    private Components components;
    private ModelStore store;
    private VoiceCatalog.Entry voice;
    private String voiceName;
    private final List<ModelEntry> toDownload = new ArrayList<>();

    DoctorCommand(Env env) {
        this.env = env;
    }

    /** One check; it reports its own findings, and anything it throws is reported as its failure. */
    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    @Override
    public Integer call() {
        out = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
        failures = 0;
        warnings = 0;
        loaded = null;
        config = null;
        store = null;
        voice = null;
        voiceName = null;
        toDownload.clear();
        check("Java", this::java);
        check("configuration", this::configuration);
        if (config != null) {
            components = new Components(env, config);
            check("models", this::models);
            check("translator", this::translator);
            check("voice", this::voice);
            check("disk", this::disk);
        }
        check("espeak-ng", this::espeak);
        if (config != null) {
            check("sound device", this::soundDevice);
            check("ONNX Runtime", this::providers);
            check("threads", this::threads);
        }
        if (failures == 0) {
            out.println("stream-tts doctor: a run would work" + (warnings == 0 ? ""
                    : " (" + warnings + (warnings == 1 ? " warning)" : " warnings)")));
            return ExitCode.OK;
        }
        out.println("stream-tts doctor: a run would not work: " + failures + (failures == 1 ? " problem" : " problems")
                + " (FAIL above)" + (warnings == 0 ? "" : ", " + warnings + (warnings == 1 ? " warning" : " warnings")));
        return ExitCode.FAILURE;
    }

    private void check(String what, Check check) {
        try {
            check.run();
        } catch (Exception | LinkageError e) {
            fail(what + ": the check failed: " + e);
        }
    }

    private void java() {
        String version = System.getProperty("java.version");
        if (Runtime.version().feature() >= 17) {
            ok("Java " + version + " (needs 17+), " + System.getProperty("java.home"));
        } else {
            fail("Java " + version + ": stream-tts needs Java 17 or newer; install it (Debian/Ubuntu: sudo apt "
                    + "install openjdk-17-jre, macOS: brew install openjdk@17)");
        }
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        boolean linux = os.equals("Linux") && (arch.equals("amd64") || arch.equals("aarch64"));
        boolean appleSilicon = os.toLowerCase(Locale.ROOT).contains("mac") && arch.equals("aarch64");
        if (linux || appleSilicon) {
            ok("platform " + os + " " + arch);
        } else {
            warn("platform " + os + " " + arch + " is not one stream-tts is tested on (Linux x86-64 or arm64, "
                    + "macOS on Apple Silicon)");
        }
    }

    private void configuration() {
        try {
            loaded = run.load(env);
        } catch (ConfigException e) {
            fail("configuration: " + e.getMessage());
            return;
        }
        config = loaded.config();
        Config.Translate t = config.translate();
        String device = config.audio().device();
        ok("configuration: " + (t.enabled() ? "translate " + t.sourceLang() + " → " + t.targetLang()
                : "no translation, speak " + t.sourceLang()) + ", voice " + config.voice().name()
                + ", device " + (device.isBlank() ? "(the default)" : device) + ", models in "
                + new Components(env, config).modelsDir());
    }

    private void models() {
        try {
            store = components.modelStore();
            ok("manifest: " + store.manifest().source() + " (" + store.manifest().entries().size() + " models)");
        } catch (ModelException e) {
            fail("models: " + e.getMessage());
        }
    }

    private void translator() throws IOException {
        if (!config.translate().enabled()) {
            ok("translator: off (translate.enabled: false, from " + loaded.origin("translate.enabled") + ")");
            return;
        }
        if (store == null) {
            return; // the manifest could not be read: said above
        }
        NllbFiles.Precision precision = config.translate().precision();
        String label = ConfiguredModels.translatorLabel(config.translate());
        Optional<ModelEntry> entry = components.translatorEntry(store);
        if (entry.isPresent()) {
            modelEntry(label, entry.get());
            return;
        }
        try {
            NllbFiles files = NllbTranslator.files(components.translatorDir(), precision);
            ok(label + ": " + files.dir() + " (not in the manifest, so its files are not verified)");
        } catch (ModelException e) {
            fail(label + ": " + e.getMessage());
        }
    }

    private void voice() throws IOException {
        if (store == null) {
            return;
        }
        try {
            Optional<ModelEntry> download = components.missingVoice(store);
            if (download.isPresent()) {
                voiceName = components.wantedVoice();
                modelEntry("voice " + voiceName, download.get());
                return;
            }
            voice = components.chooseVoice(components.voices());
        } catch (ModelException e) {
            fail("voice: " + e.getMessage());
            return;
        }
        voiceName = voice.name();
        String label = "voice " + voice.name() + " (" + voice.kind().name().toLowerCase(Locale.ROOT) + ", "
                + voice.language() + ", " + voice.sampleRate() + " Hz)";
        Path model = voice.model().toAbsolutePath().normalize();
        Optional<ModelEntry> entry = store.manifest().providing("voice:" + voice.name())
                .filter(e -> model.startsWith(store.dirOf(e).toAbsolutePath().normalize()));
        if (entry.isPresent()) {
            modelEntry(label, entry.get());
        } else {
            ok(label + ": " + voice.model() + " (not from the manifest, so its files are not verified)");
        }
        components.languageMismatch(voice).ifPresent(this::warn);
    }

    /** A model of the manifest that the run needs: verified as 'models verify' does, or to be downloaded. */
    private void modelEntry(String label, ModelEntry entry) throws IOException {
        Map<ModelFile, Verifier.Status> files = store.verify(entry);
        List<String> corrupt = new ArrayList<>();
        int missing = 0;
        int checksums = 0;
        for (Map.Entry<ModelFile, Verifier.Status> f : files.entrySet()) {
            if (f.getValue() == Verifier.Status.MISSING) {
                missing++;
            } else if (!ModelsCommand.intact(f.getValue())) {
                corrupt.add(f.getKey().path() + " " + ModelsCommand.describe(f.getKey(), f.getValue()));
            } else if (f.getValue() == Verifier.Status.VERIFIED) {
                checksums++;
            }
        }
        String where = entry.name() + " in " + store.dirOf(entry);
        if (!corrupt.isEmpty()) {
            fail(label + ": " + where + ": " + String.join(", ", corrupt) + "; to repair it: stream-tts models "
                    + "download " + entry.name());
            return;
        }
        if (missing > 0) {
            toDownload.add(entry);
            String what = missing == files.size() ? "not installed" : missing + " of " + files.size()
                    + " files of " + entry.name() + " are missing";
            String size = ModelsCommand.megabytes(store.missingBytes(entry));
            if (config.models().autoDownload()) {
                warn(label + ": " + what + "; a run downloads " + entry.name() + " (" + size + ") first, or now: "
                        + "stream-tts models download " + entry.name());
            } else {
                fail(label + ": " + what + " (" + size + "), and models.auto_download is off; run 'stream-tts "
                        + "models download " + entry.name() + "'");
            }
            return;
        }
        ok(label + ": " + where + ", " + files.size() + " files match the manifest (" + checksums
                + " by checksum, " + (files.size() - checksums) + " by size only)");
    }

    private void disk() throws IOException {
        if (store == null) {
            return;
        }
        Path dir = store.modelsDir().toAbsolutePath().normalize();
        Path existing = dir;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            fail("disk: no folder of " + dir + " exists; give a models folder with --models-dir DIR (models.dir)");
            return;
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        if (toDownload.isEmpty()) {
            ok("disk: nothing to download; " + size(free) + " free in " + existing);
            return;
        }
        String names = String.join(", ", toDownload.stream().map(ModelEntry::name).toList());
        long bytes = toDownload.stream().mapToLong(store::missingBytes).sum();
        if (!Files.isWritable(existing)) {
            fail("disk: " + names + " would be downloaded into " + dir + ", but " + existing + " is not writable; "
                    + "put the models elsewhere with --models-dir DIR (models.dir)");
        } else if (bytes <= 0) {
            warn("disk: the manifest lists no size for " + names + "; " + size(free) + " free in " + existing);
        } else if (free < bytes) {
            fail("disk: " + names + " need " + size(bytes) + " in " + dir + ", but only " + size(free) + " is free "
                    + "there; free some space, or put the models elsewhere with --models-dir DIR (models.dir)");
        } else {
            ok("disk: " + size(bytes) + " to download (" + names + "), " + size(free) + " free in " + existing);
        }
    }

    private void espeak() {
        Optional<Voices.EspeakUse> use = Optional.empty();
        if (voice != null) {
            try {
                use = Voices.espeakUse(voice);
            } catch (ModelException e) {
                fail("espeak-ng: which espeak-ng voice " + voice.name() + " needs cannot be read: " + e.getMessage());
                return;
            }
        }
        EspeakInfo info;
        try {
            info = EspeakInfo.load();
        } catch (EspeakException e) {
            if (use.isPresent() && use.get().required()) {
                fail("espeak-ng: " + e.getMessage() + " (voice " + voice.name() + " needs it)");
            } else if (use.isPresent()) {
                warn("espeak-ng: " + e.getMessage() + " (without it, voice " + voice.name()
                        + " spells out the English words in its text)");
            } else if (voice == null) {
                warn("espeak-ng: " + e.getMessage() + " (Piper voices and the English, Spanish, French, Hindi, "
                        + "Italian and Portuguese Kokoro voices need it)");
            } else {
                ok("espeak-ng: not installed, and voice " + voice.name() + " does not need it");
            }
            return;
        }
        ok("espeak-ng " + info.version() + " (data: " + (info.dataPath() == null ? "not said" : info.dataPath()) + ")");
        if (use.isEmpty()) {
            if (voice != null) {
                ok("espeak-ng voice: voice " + voice.name() + " needs none");
            } else if (voiceName != null) {
                ok("espeak-ng voice: the one voice " + voiceName + " needs is known once it is installed");
            }
            return;
        }
        String espeakVoice = use.get().voice();
        String purpose = use.get().required() ? "for voice " + voice.name()
                : "for the English words that voice " + voice.name() + " reads";
        try {
            EspeakPhonemizer.forVoice(espeakVoice);
            ok("espeak-ng voice " + espeakVoice + " (" + purpose + ")");
        } catch (EspeakException e) {
            String message = "espeak-ng voice " + espeakVoice + " (" + purpose + "): " + e.getMessage()
                    + "; install espeak-ng's voice data (Debian/Ubuntu: sudo apt install espeak-ng-data) or set "
                    + "ESPEAK_DATA_PATH to a folder that has it";
            if (use.get().required()) {
                fail(message);
            } else {
                warn(message);
            }
        }
    }

    private void soundDevice() {
        String device = config.audio().device();
        if (config.audio().none()) {
            ok("sound device: none (" + loaded.origin("audio.device") + "): nothing is played, nothing "
                    + "to open");
            return;
        }
        int rate = voice != null ? voice.sampleRate() : UNKNOWN_VOICE_RATE;
        String tried = voice != null ? "the voice's rate" : "the voice is not installed, so its rate is not known";
        int opened;
        String name;
        try (SpeakerSink sink = SpeakerSink.open(device, rate, config.audio().bufferMs())) {
            opened = sink.sampleRate();
            name = sink.name();
        } catch (NoDeviceException e) {
            if (device.isBlank()) {
                warn("sound device: " + e.getMessage() + "; a run goes on without playback (--wav FILE keeps the "
                        + "speech); Linux: install pipewire-alsa (PipeWire) or libasound2-plugins (PulseAudio) and "
                        + "check 'aplay -L'; 'stream-tts devices' lists what Java can play on");
            } else {
                fail("sound device: " + loaded.origin("audio.device") + ": " + e.getMessage());
            }
            return;
        }
        ok(name + " opens at " + opened + " Hz" + (opened == rate ? " (" + tried + ")"
                : ", not " + rate + " Hz (" + tried + "): speech is resampled"));
    }

    private void providers() {
        OnnxOptions options = components.onnxOptions();
        OnnxSessions.Choice choice;
        String version;
        try {
            choice = OnnxSessions.choose(options.provider());
            version = OnnxSessions.version();
        } catch (LinkageError | RuntimeException e) {
            fail("ONNX Runtime cannot be loaded on this machine: " + e + "; stream-tts supports Linux (x86-64, "
                    + "arm64) and macOS on Apple Silicon");
            return;
        }
        ok("ONNX Runtime " + version);
        if (options.provider() == ExecutionProvider.AUTO && AutoProvider.perModel()) {
            perModelProviders(options);
            return;
        }
        List<String> models = new ArrayList<>();
        if (config.translate().enabled()) {
            models.add("translator " + config.translate().model());
        }
        if (voiceName != null) {
            models.add("voice " + voiceName);
        }
        if (models.isEmpty()) {
            models.add("models");
        }
        ExecutionProvider provider = choice.provider();
        Optional<String> refused = provider == ExecutionProvider.CPU ? Optional.empty()
                : OnnxSessions.probe(provider, options);
        for (String model : models) {
            String label = "provider for " + model + ": ";
            if (provider == ExecutionProvider.CPU && choice.fellBack()) {
                warn(label + "CPU: " + choice.reason() + "; set onnx.provider: auto (or cpu)");
            } else if (provider == ExecutionProvider.CPU) {
                ok(label + "CPU: " + choice.reason());
            } else if (refused.isPresent()) {
                warn(label + "CPU: " + choice.reason() + ", but a session cannot be opened on " + provider.name()
                        + " here (" + refused.get() + "); a run falls back to the CPU");
            } else {
                ok(label + provider.name() + ": " + choice.reason() + "; a test session opened on it (a run falls "
                        + "back to the CPU, with one log line, if " + provider.name() + " refuses this model)");
            }
        }
    }

    /** onnx.provider auto on Apple Silicon: each model file's provider and why. */
    private void perModelProviders(OnnxOptions options) {
        Optional<String> refused = OnnxSessions.probe(ExecutionProvider.COREML, options);
        if (refused.isPresent()) {
            warn("provider: a session cannot be opened on CoreML here (" + refused.get() + "); every model runs on "
                    + "the CPU");
        }
        List<ConfiguredModels.Part> parts = ConfiguredModels.of(components, config);
        for (String line : providerLines(parts, m -> OnnxSessions.explain(m, options))) {
            if (refused.isPresent() && line.contains(": CoreML: ")) {
                warn(line + "; but CoreML cannot be opened here, so a run uses the CPU");
            } else {
                ok(line);
            }
        }
        Path remembered = AutoProvider.shared().choicesFile(options);
        ok("provider choices: " + (remembered == null ? "kept for the process only"
                : "trials' verdicts are kept in " + remembered + " (delete it to trial again)")
                + "; 'stream-tts bench providers' times every model on each provider now");
    }

    /** One line per model file, "provider for NLLB encoder (encoder_model.onnx): CPU: why"; none installed: said so. */
    static List<String> providerLines(List<ConfiguredModels.Part> parts,
                                      Function<ModelUse, AutoProvider.Decision> explain) {
        List<String> lines = new ArrayList<>();
        for (ConfiguredModels.Part part : parts) {
            if (part.models().isEmpty()) {
                lines.add("provider for " + part.label() + ": chosen for each of its files once it is installed");
            }
            for (ModelUse m : part.models()) {
                AutoProvider.Decision d = explain.apply(m);
                lines.add("provider for " + m.what() + " (" + m.file().getFileName() + "): " + d.provider().label() + ": "
                        + d.reason());
            }
        }
        return lines;
    }

    private void threads() {
        int threads = config.onnx().threads();
        int cpus = Runtime.getRuntime().availableProcessors();
        if (threads == 0) {
            ThreadSplit split = components.threads();
            ok("threads: onnx.threads 0: " + (split.translator() == 0
                    ? "the voice alone, ONNX Runtime chooses (one thread per physical core)"
                    : split.translator() + " for the translator and " + split.voice() + " for the voice, which run "
                            + "at the same time") + " (" + cpus + " CPUs available to this process)");
        } else if (threads > cpus) {
            warn("threads: onnx.threads " + threads + " (" + loaded.origin("onnx.threads") + ") for each "
                    + "model, but only " + cpus + " CPUs are available to this process; set onnx.threads: 0 (or at "
                    + "most " + cpus + ")");
        } else {
            ok("threads: onnx.threads " + threads + " for each model (" + cpus + " CPUs available to this process)");
        }
    }

    private static String size(long bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    private void ok(String line) {
        out.println("ok    " + line);
    }

    private void warn(String line) {
        warnings++;
        out.println("warn  " + line);
    }

    private void fail(String line) {
        failures++;
        out.println("FAIL  " + line);
    }
}
