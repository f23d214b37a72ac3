package dev.streamtts.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.streamtts.TestFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Nothing leaves your machine": the real program, in its own JVM started exactly as {@code java -jar} starts
 * it (no opt-out variables from the test or the launcher), translates and speaks with the tiny models under
 * {@code strace -f}. Any connection or datagram to an address outside loopback, anything to port 53, a host
 * lookup through nscd, or even opening the resolver's files fails the test, and so does any file the run
 * leaves in its (temporary) HOME, such as ONNX Runtime's telemetry queue in ~/.cache/Microsoft.
 */
@EnabledOnOs(OS.LINUX)
class PrivacyTest {
    /** Files that only a host name lookup reads (glibc: files, dns; systemd-resolved's stub). */
    static final Set<String> NAME_SERVICE_FILES = Set.of("/etc/resolv.conf", "/etc/hosts", "/etc/gai.conf",
            "/etc/host.conf", "/run/systemd/resolve/resolv.conf", "/run/systemd/resolve/stub-resolv.conf");
    /** nscd request types that look up hosts (glibc nscd-client.h: GETHOSTBY*, GETFDHST, GETAI). */
    static final Set<Integer> NSCD_HOST_REQUESTS = Set.of(4, 5, 6, 7, 13, 14);
    static final Pattern LINE = Pattern.compile("^(\\d+)\\s+(\\w+)\\((.*)\\)\\s+=\\s+(-?\\d+|\\?)(.*)$");
    static final Pattern INET = Pattern.compile("sa_family=(AF_INET6?), sin6?_port=htons\\((\\d+)\\)"
            + "(?:, sin6_flowinfo=[^,]+)?, (?:sin_addr=inet_addr\\(\"([^\"]*)\"\\)|inet_pton\\(AF_INET6, \"([^\"]*)\")");

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void aRunWithTranslationAndAVoiceConnectsNowhereLooksUpNoHostAndLeavesNothingInHome() throws Exception {
        String strace = requireTool("strace", "-V");
        // Control: the tracer and this parser must see a real host lookup (files only: no DNS query is sent).
        requireTool("getent", "--help");
        Trace control = trace(List.of("getent", "-s", "files", "hosts", "localhost"), Map.of(), null);
        assertThat(control.violations).as("the control lookup 'getent -s files hosts localhost' under " + strace)
                .isNotEmpty();

        TestFiles.copy(TranslationEndToEndTest.FIXTURES.resolve("nllb-tiny"), dir.resolve("models/nllb-tiny"));
        TestFiles.copy(TranslationEndToEndTest.FIXTURES.resolve("kokoro"), dir.resolve("models/kokoro-tiny"));
        Files.writeString(dir.resolve("tiny.yaml"), "models:\n  auto_download: false\n"
                + "translate:\n  model: nllb-tiny\n  precision: fp32\n  max_length: 24\n");
        Path input = Files.writeString(dir.resolve("in.jsonl"),
                "{\"content\":[{\"type\":\"text\",\"text\":\"I fixed the parser first. The build failed.\"}]}\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        // Where libpulse (espeak-ng opens an audio device) keeps its runtime files on any desktop; without
        // it, libpulse links ~/.config/pulse/<machine-id>-runtime to /tmp instead.
        Path runtime = Files.createDirectory(dir.resolve("run"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        List<String> java = Processes.command(List.of(
                "--config", dir.resolve("tiny.yaml").toString(), "--models-dir", dir.resolve("models").toString(),
                "--wav", dir.resolve("out.wav").toString(), "--device", "none"));
        Trace run = trace(java, Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR", runtime.toString()), input);

        assertThat(run.exitCode).as(run.stderr).isEqualTo(0);
        assertThat(Files.size(dir.resolve("out.wav"))).as("speech was written").isGreaterThan(44);
        // The tracer followed the threads that did the work: it saw ONNX Runtime open the models.
        assertThat(run.opened).as("files the traced run opened")
                .anyMatch(f -> f.endsWith("/nllb-tiny/encoder_model.onnx"))
                .anyMatch(f -> f.contains("/kokoro-tiny/") && f.endsWith(".onnx"));
        assertThat(run.violations).as("network use in " + run.file).isEmpty();
        try (Stream<Path> files = Files.walk(home)) {
            assertThat(files.filter(f -> !f.equals(home)).map(f -> home.relativize(f).toString()))
                    .as("files the run left in HOME (ONNX Runtime's telemetry: .cache/Microsoft)").isEmpty();
        }
    }

    /**
     * --device none only phonemizes with espeak-ng: espeak_Initialize opened the sound server (libpcaudio →
     * PulseAudio, then ALSA) even for output to memory. The control: the same tracer sees a program that
     * does open it.
     */
    @Test
    @Timeout(90)
    void withDeviceNoneNothingOpensTheSoundServerOrASoundDevice() throws Exception {
        requireTool("strace", "-V");
        SpeechEndToEndTest.installPiperVoice(dir);
        Files.writeString(dir.resolve("en.yaml"), "models:\n  auto_download: false\ntranslate:\n  enabled: false\n");
        Path input = Files.writeString(dir.resolve("in.jsonl"),
                "{\"content\":[{\"type\":\"text\",\"text\":\"The build passed. Every test is green.\"}]}\n");
        Path runtime = Files.createDirectory(dir.resolve("run"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        List<String> java = Processes.command(List.of("--config", dir.resolve("en.yaml").toString(),
                "--models-dir", dir.resolve("models").toString(), "--voice", SpeechEndToEndTest.VOICE,
                "--wav", dir.resolve("out.wav").toString(), "--device", "none"));
        Trace run = trace(java, Map.of("XDG_RUNTIME_DIR", runtime.toString()), input);
        assertThat(run.exitCode).as(run.stderr).isEqualTo(0);
        assertThat(Files.size(dir.resolve("out.wav"))).as("speech was written").isGreaterThan(44);
        assertThat(run.opened).as("the tracer saw espeak-ng's data loaded").anyMatch(f -> f.contains("espeak-ng-data"));
        assertThat(soundServer(Files.readString(run.file, StandardCharsets.UTF_8))).as("in " + run.file).isEmpty();

        requireTool("espeak-ng", "--version");
        Trace playing = trace(List.of("espeak-ng", "-v", "en", "x"), Map.of("XDG_RUNTIME_DIR", runtime.toString()), null);
        assertThat(soundServer(Files.readString(playing.file, StandardCharsets.UTF_8)))
                .as("espeak-ng playing aloud under the same tracer (the control)").isNotEmpty();
    }

    /** Lines of a trace that reach for sound: a PulseAudio socket, an ALSA device. */
    static List<String> soundServer(String trace) {
        return trace.lines().filter(l -> (l.contains(" connect(") && l.contains("pulse"))
                || l.contains("\"/dev/snd/")).toList();
    }

    @Test
    void theTraceReaderFlagsDnsForeignAddressesAndNscdHostLookups() {
        List<String> violations = new ArrayList<>();
        check(String.join("\n",
                "7 connect(3, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"10.255.255.53\")}, 16) = 0",
                "7 connect(15, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"127.0.0.53\")}, 16 <unfinished ...>",
                "7 <... connect resumed>) = 0",
                "8 connect(9, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), "
                        + "inet_pton(AF_INET6, \"2603:1030::1\", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH (x)",
                "8 sendto(9, \"x\", 1, 0, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr(\"20.42.65.92\")}, 16) = 1",
                "9 connect(4, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = 0",
                "9 sendto(4, \"\\2\\0\\0\\0\\16\\0\\0\\0\\n\\0\\0\\0localhost\\0\", 22, MSG_NOSIGNAL, NULL, 0) = 22",
                "9 openat(AT_FDCWD, \"/etc/resolv.conf\", O_RDONLY|O_CLOEXEC) = 3"), violations, new ArrayList<>());
        assertThat(violations).hasSize(6);
        List<String> none = new ArrayList<>();
        check(String.join("\n",
                "5 connect(4, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = 0",
                "5 sendto(4, \"\\2\\0\\0\\0\\1\\0\\0\\0\\2\\0\\0\\0\\60\\0\", 14, MSG_NOSIGNAL, NULL, 0) = 14",
                "5 connect(16, {sa_family=AF_UNIX, sun_path=\"/var/run/pulse/native\"}, 110) = -1 ENOENT (x)",
                "5 connect(5, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0",
                "5 openat(AT_FDCWD, \"/etc/nsswitch.conf\", O_RDONLY|O_CLOEXEC) = 3"), none, new ArrayList<>());
        assertThat(none).isEmpty(); // the JVM's own user lookup (GETPWBYUID) through nscd, local sockets
    }

    record Trace(int exitCode, String stderr, Path file, List<String> violations, List<String> opened) {
    }

    /** Runs {@code command} under strace; the opt-outs are removed from its environment, {@code env} added. */
    Trace trace(List<String> command, Map<String, String> env, Path stdin) throws Exception {
        Path file = Files.createTempFile(dir, "strace", ".txt");
        // --seccomp-bpf: only the traced calls stop the program, not every futex of the JVM (a third faster)
        List<String> full = new ArrayList<>(List.of("strace", "-f", "--seccomp-bpf", "-qq", "-s", "64", "-e", "signal=none",
                "-e", "trace=%network,openat,?open", "-o", file.toString()));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        for (String name : List.of("ORT_DISABLE_TELEMETRY", "OPT_OUT_TRACKING", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
                "_JAVA_OPTIONS", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "PULSE_SERVER")) {
            pb.environment().remove(name);
        }
        pb.environment().putAll(env);
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + full);
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank() && stderr.contains("strace:")) {
            unusable("strace cannot trace here: " + stderr.strip());
        }
        List<String> violations = new ArrayList<>();
        List<String> opened = new ArrayList<>();
        check(text, violations, opened);
        return new Trace(p.exitValue(), stderr, file, violations, opened);
    }

    /** Reads strace's output: each finding in {@code violations}, each path opened in {@code opened}. */
    static void check(String trace, List<String> violations, List<String> opened) {
        Map<String, String> unfinished = new HashMap<>();
        Set<String> nscd = new HashSet<>(); // "tid:fd" connected to nscd's socket
        for (String raw : trace.split("\n")) {
            String line = raw;
            int u = line.indexOf(" <unfinished ...>");
            if (u >= 0) {
                unfinished.put(line.split("\\s+", 2)[0], line.substring(0, u));
                continue;
            }
            Matcher resumed = Pattern.compile("^(\\d+)\\s+<\\.\\.\\. \\w+ resumed>(.*)$").matcher(line);
            if (resumed.matches()) {
                line = unfinished.getOrDefault(resumed.group(1), resumed.group(1) + " ?(") + resumed.group(2);
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String tid = m.group(1);
            String call = m.group(2);
            String args = m.group(3);
            String fd = args.split(",", 2)[0].trim();
            switch (call) {
                case "openat", "open" -> {
                    Matcher path = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(args);
                    if (path.find()) {
                        opened.add(path.group(1));
                        if (NAME_SERVICE_FILES.contains(path.group(1))) {
                            violations.add("host name lookup (read " + path.group(1) + "): " + raw);
                        }
                    }
                }
                case "socket" -> nscd.remove(tid + ":" + m.group(4));
                case "connect", "sendto", "sendmsg", "sendmmsg" -> {
                    Matcher inet = INET.matcher(args);
                    while (inet.find()) {
                        int port = Integer.parseInt(inet.group(2));
                        String address = inet.group(3) != null ? inet.group(3) : inet.group(4);
                        if (port == 53) {
                            violations.add("DNS (port 53): " + line);
                        } else if (!loopback(address)) {
                            violations.add("outside loopback (" + address + "): " + line);
                        }
                    }
                    boolean toNscd = args.contains("sun_path=\"/var/run/nscd/socket\"")
                            || args.contains("sun_path=\"/run/nscd/socket\"");
                    if (call.equals("connect") && toNscd) {
                        nscd.add(tid + ":" + fd);
                    } else if (!call.equals("connect") && nscd.contains(tid + ":" + fd)) {
                        int type = nscdRequestType(args);
                        if (type < 0 || NSCD_HOST_REQUESTS.contains(type)) {
                            violations.add("host lookup through nscd (request " + type + "): " + line);
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    static boolean loopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.");
    }

    /** The request type of glibc's nscd request header {int32 version = 2; int32 type; …}, or -1. */
    static int nscdRequestType(String args) {
        Matcher s = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(args);
        if (!s.find()) {
            return -1;
        }
        List<Integer> bytes = new ArrayList<>();
        String text = s.group(1);
        for (int i = 0; i < text.length() && bytes.size() < 8; i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                bytes.add((int) c);
                continue;
            }
            char e = text.charAt(++i);
            if (e >= '0' && e <= '7') {
                int j = i;
                while (j < text.length() && j < i + 3 && text.charAt(j) >= '0' && text.charAt(j) <= '7') {
                    j++;
                }
                bytes.add(Integer.parseInt(text.substring(i, j), 8));
                i = j - 1;
            } else if (e == 'x') {
                bytes.add(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.add((int) switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'v' -> 11;
                    case 'f' -> '\f';
                    default -> e;
                });
            }
        }
        if (bytes.size() < 8 || bytes.get(0) != 2) {
            return -1;
        }
        return bytes.get(4) | bytes.get(5) << 8 | bytes.get(6) << 16 | bytes.get(7) << 24;
    }

    /** The first line the tool prints when it runs; otherwise the test fails in CI and is skipped (saying why) elsewhere. */
    static String requireTool(String name, String arg) {
        try {
            Process p = new ProcessBuilder(name, arg).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(10, TimeUnit.SECONDS) && (p.exitValue() == 0 || name.equals("getent"))) {
                return out.lines().findFirst().orElse(name);
            }
        } catch (IOException e) {
            // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unusable(name + " is needed to prove that nothing leaves the machine and was not found "
                + "(Debian/Ubuntu: apt-get install " + (name.equals("getent") ? "libc-bin" : name) + "; .ci/run does)");
        return name;
    }

    static void unusable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }
}
