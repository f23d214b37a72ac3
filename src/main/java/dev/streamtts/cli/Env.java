package dev.streamtts.cli;

import dev.streamtts.cli.config.ConfigFiles;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run of the program touches outside itself. {@code main} uses the real ones; tests pass their
 * own streams and directories and run the very same commands in-process.
 *
 * @param stdout   raw bytes: only {@code --dry-run} JSON and {@code --passthrough} copies go there
 * @param stderr   human messages (logs go to the real stderr through SLF4J)
 * @param appHome  the stream-tts checkout; relative paths in config files resolve against it
 * @param variables the process environment as the program reads it (proxies for downloads)
 */
public record Env(InputStream stdin, OutputStream stdout, PrintStream stderr, Path workingDir,
                  Path userConfigDir, Path appHome, Map<String, String> variables) {

    public static Env system() {
        Path cwd = Path.of("").toAbsolutePath();
        return new Env(interruptibleStdin(), new FileOutputStream(FileDescriptor.out),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8),
                cwd,
                ConfigFiles.userConfigDir(System.getenv("XDG_CONFIG_HOME"), System.getProperty("user.home")),
                appHome(cwd), System.getenv());
    }

    /**
     * Standard input through a {@code FileChannel}: interrupting the thread blocked in its read (Ctrl-C)
     * wakes it, whereas a thread left inside a plain native read makes the JVM wait 300 ms before it exits.
     */
    private static InputStream interruptibleStdin() {
        return Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel());
    }

    /** The launcher passes the checkout; otherwise the jar's folder's parent (target/..), else cwd. */
    private static Path appHome(Path cwd) {
        String property = System.getProperty("streamtts.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        try {
            Path jar = Path.of(Env.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar) && jar.getParent() != null && jar.getParent().getParent() != null) {
                return jar.getParent().getParent();
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall back to the working directory
        }
        return cwd;
    }
}
