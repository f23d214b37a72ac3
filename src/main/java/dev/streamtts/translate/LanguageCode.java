package dev.streamtts.translate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An NLLB-200 language code: ISO 639-3 language plus ISO 15924 script, e.g. {@code jpn_Jpan}. Only the
 * 202 codes NLLB knows can be made (see {@link NllbLanguages#parse}).
 */
public record LanguageCode(String code) {
    private static final Pattern FORM = Pattern.compile("[a-z]{3}_[A-Z][a-z]{3}");

    public LanguageCode {
        if (code == null || !FORM.matcher(code).matches()) {
            throw new IllegalArgumentException("not an NLLB language code (like eng_Latn): " + code);
        }
    }

    public String language() {
        return code.substring(0, 3);
    }

    public String script() {
        return code.substring(4);
    }

    /** A locale for text processing (sentence rules, voices): the ISO 639-1 language where one exists. */
    public Locale locale() {
        return new Locale.Builder().setLanguage(NllbLanguages.twoLetter(language())).setScript(script()).build();
    }

    /** "Japanese", "Chinese (Traditional)": for messages and listings. */
    public String displayName() {
        Locale l = locale();
        String name = l.getDisplayLanguage(Locale.ENGLISH);
        if (name.isEmpty() || name.equals(l.getLanguage())) {
            return code;
        }
        // The script only matters where NLLB has the language in more than one (zho_Hans, zho_Hant).
        long scripts = NllbLanguages.all().stream().filter(c -> c.language().equals(language())).count();
        String script = l.getDisplayScript(Locale.ENGLISH);
        return scripts < 2 || script.isEmpty() ? name : name + " (" + script + ")";
    }

    @Override
    public String toString() {
        return code;
    }
}
