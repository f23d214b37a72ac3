package dev.streamtts.cli;

import dev.streamtts.audio.AudioDevices;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code stream-tts devices}: the sound devices {@code --device NAME} can pick. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List the sound devices that can play speech.",
            "Pass any part of a name to --device (or audio.device in config.yaml) to use that device."})
final class DevicesCommand implements Callable<Integer> {
    private final Env env;

    DevicesCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
        List<AudioDevices.Device> devices = AudioDevices.playbackDevices();
        if (devices.isEmpty()) {
            env.stderr().println("No sound device found. Speech can still be written with --wav FILE.");
            env.stderr().println("Linux: install the ALSA bridge of your sound server (pipewire-alsa or "
                    + "pulseaudio's ALSA plugin) and check 'aplay -L'.");
            return ExitCode.OK;
        }
        for (AudioDevices.Device d : devices) {
            out.println(d.name() + "  —  " + d.description());
        }
        return ExitCode.OK;
    }
}
