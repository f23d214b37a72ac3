package dev.streamtts.cli;

import dev.streamtts.models.ModelEntry;
import dev.streamtts.tts.VoiceCatalog;

/**
 * Which voice a run speaks with, by one rule for the download at start-up, the run itself and doctor
 * ({@link Components#resolveVoice}): a voice named by voice.name is that one, installed or downloaded;
 * with {@code auto}, the spoken language's default (voice.defaults) when it is installed, else any
 * installed voice for the language (so nothing is downloaded when one is there), else the default,
 * downloaded.
 */
sealed interface VoiceChoice {

    /** An installed voice; {@code note} says why it is not the default (null when it is). */
    record Installed(VoiceCatalog.Entry entry, String note) implements VoiceChoice {
    }

    /** A voice the manifest's {@code entry} provides. */
    record Download(String voice, ModelEntry entry) implements VoiceChoice {
    }
}
