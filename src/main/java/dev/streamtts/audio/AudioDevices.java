package dev.streamtts.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;

/** The sound devices (mixers) that can play a stream, as javax.sound sees them. */
public final class AudioDevices {
    /** A playback device. */
    public record Device(String name, String description, String vendor) {
    }

    private AudioDevices() {
    }

    public static List<Device> playbackDevices() {
        List<Device> devices = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (canPlay(info)) {
                devices.add(new Device(info.getName(), info.getDescription(), info.getVendor()));
            }
        }
        return devices;
    }

    /** Fails as opening would when no playback device matches {@code query} (checked before models load). */
    public static void require(String query) throws NoDeviceException {
        find(query);
    }

    /** The first playback mixer whose name or description contains {@code query}, ignoring case. */
    static Mixer.Info find(String query) throws NoDeviceException {
        String q = query.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (!canPlay(info)) {
                continue;
            }
            names.add(info.getName());
            if (info.getName().toLowerCase(Locale.ROOT).contains(q)
                    || info.getDescription().toLowerCase(Locale.ROOT).contains(q)) {
                return info;
            }
        }
        throw new NoDeviceException("no sound device matches '" + query + "'"
                + (names.isEmpty() ? " (this machine has none)" : "; devices: " + String.join(", ", names))
                + ". Run 'stream-tts devices' to list them.", null);
    }

    private static boolean canPlay(Mixer.Info info) {
        try {
            Mixer mixer = AudioSystem.getMixer(info);
            for (Line.Info line : mixer.getSourceLineInfo()) {
                if (SourceDataLine.class.isAssignableFrom(line.getLineClass())) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            // A broken driver must not hide the others.
        }
        return false;
    }
}
