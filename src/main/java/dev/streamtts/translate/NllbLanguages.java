package dev.streamtts.translate;

import dev.streamtts.text.EditDistance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The 202 languages of NLLB-200 and a parser that answers a typo with the codes that were meant. */
public final class NllbLanguages {
    private static final List<LanguageCode> ALL = load();
    private static final Map<String, String> TWO_LETTER = twoLetterCodes();

    private NllbLanguages() {
    }

    public static List<LanguageCode> all() {
        return ALL;
    }

    /**
     * The code for a user's input.
     *
     * @throws IllegalArgumentException naming up to five near matches when the input is not an NLLB code
     */
    public static LanguageCode parse(String input) {
        String s = input == null ? "" : input.strip();
        for (LanguageCode c : ALL) {
            if (c.code().equals(s)) {
                return c;
            }
        }
        List<LanguageCode> near = nearMatches(s);
        String hint = near.isEmpty()
                ? "run 'stream-tts languages' to list all 202 codes"
                : "did you mean " + String.join(", ", near.stream().map(c -> c.code() + " (" + c.displayName() + ")").toList()) + "?";
        throw new IllegalArgumentException("unknown NLLB language code '" + s + "': " + hint);
    }

    static List<LanguageCode> nearMatches(String input) {
        String lower = input.toLowerCase(Locale.ROOT);
        Set<LanguageCode> out = new LinkedHashSet<>();
        for (LanguageCode c : ALL) { // same language, any script; or the two-letter code (ja → jpn_Jpan)
            if (lower.length() >= 2 && (c.language().equals(lower.length() >= 3 ? lower.substring(0, 3) : "")
                    || lower.equals(twoLetter(c.language())) || lower.startsWith(twoLetter(c.language()) + "_")
                    || lower.startsWith(twoLetter(c.language()) + "-"))) {
                out.add(c);
            }
        }
        for (LanguageCode c : ALL) { // a name: "japanese", "German"
            if (lower.length() >= 4 && c.displayName().toLowerCase(Locale.ROOT).startsWith(lower)) {
                out.add(c);
            }
        }
        ALL.stream()
                .filter(c -> EditDistance.between(c.code().toLowerCase(Locale.ROOT), lower) <= 2)
                .sorted(Comparator.comparingInt(c -> EditDistance.between(c.code().toLowerCase(Locale.ROOT), lower)))
                .forEach(out::add);
        return new ArrayList<>(out).subList(0, Math.min(5, out.size()));
    }

    static String twoLetter(String threeLetter) {
        return TWO_LETTER.getOrDefault(threeLetter, threeLetter);
    }

    private static Map<String, String> twoLetterCodes() {
        Map<String, String> map = new HashMap<>();
        for (String two : Locale.getISOLanguages()) {
            try {
                map.put(new Locale(two).getISO3Language(), two);
            } catch (java.util.MissingResourceException e) {
                // a language without a three-letter code: not one of NLLB's
            }
        }
        // NLLB uses individual-language codes where Java knows the macrolanguage.
        map.putIfAbsent("arb", "ar");
        map.putIfAbsent("zsm", "ms");
        map.putIfAbsent("pes", "fa");
        map.putIfAbsent("swh", "sw");
        map.putIfAbsent("lvs", "lv");
        map.putIfAbsent("khk", "mn");
        map.putIfAbsent("npi", "ne");
        map.putIfAbsent("plt", "mg");
        map.putIfAbsent("uzn", "uz");
        map.putIfAbsent("als", "sq");
        map.putIfAbsent("ydd", "yi");
        map.putIfAbsent("gaz", "om");
        map.putIfAbsent("ory", "or");
        map.putIfAbsent("azj", "az");
        map.putIfAbsent("pbt", "ps");
        map.putIfAbsent("quy", "qu");
        map.putIfAbsent("ayr", "ay");
        map.putIfAbsent("kmr", "ku");
        map.putIfAbsent("knc", "kr");
        map.putIfAbsent("zho", "zh");
        return map;
    }

    private static List<LanguageCode> load() {
        List<LanguageCode> codes = new ArrayList<>();
        try (InputStream in = NllbLanguages.class.getResourceAsStream("nllb-languages.txt")) {
            if (in == null) {
                throw new IllegalStateException("nllb-languages.txt missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    codes.add(new LanguageCode(line.strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(codes);
    }
}
