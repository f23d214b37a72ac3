package dev.streamtts.cli;

import picocli.CommandLine.Option;

/** The languages: taken by a run, doctor, bench and translate (a Picocli mixin). */
final class LanguageOptions {
    @Sets("translate.source_lang")
    @Option(names = "--source-lang", paramLabel = "CODE", order = 3, completionCandidates = Completions.Languages.class,
            description = "Language of the text, an NLLB code (translate.source_lang, now ${DEFAULT-VALUE}). "
                    + "See 'stream-tts languages'.")
    String sourceLang;

    @Sets("translate.target_lang")
    @Option(names = "--target-lang", paramLabel = "CODE", order = 4, completionCandidates = Completions.Languages.class,
            description = "Language to translate into, an NLLB code (translate.target_lang, now ${DEFAULT-VALUE}).")
    String targetLang;
}
