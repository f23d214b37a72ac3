package dev.streamtts.tts.ja;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Hiragana readings to Kokoro phonemes, mora by mora, with the context rules of misaki's Japanese G2P
 * (which Kokoro's Japanese voices were trained on): digraphs, small kana, the long-vowel mark, the
 * glottal stop for っ and the assimilation of ん to the following sound.
 */
final class KanaPhonemes {
    private static final String SMALL_KANA = "ゃゅょぁぃぅぇぉ";
    private static final String REPEAT_MARKS = "〃々ゝゞヽヾ";

    private final Map<String, String> table;

    private KanaPhonemes(Map<String, String> table) {
        this.table = table;
    }

    static KanaPhonemes load() {
        Map<String, String> table = new HashMap<>();
        try (InputStream in = KanaPhonemes.class.getResourceAsStream("kana.tsv")) {
            if (in == null) {
                throw new IllegalStateException("kana.tsv missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                table.put(line.substring(0, tab), line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KanaPhonemes(table);
    }

    /** Katakana to hiragana (ー, ヷヸヹヺ and ・ stay as they are). */
    static String hiragana(String katakana) {
        StringBuilder sb = new StringBuilder(katakana.length());
        for (int i = 0; i < katakana.length(); i++) {
            char c = katakana.charAt(i);
            if (c >= 0x30A1 && c <= 0x30F6) {
                sb.append((char) (c - 0x60));
            } else if (c == 'ヽ') {
                sb.append('ゝ');
            } else if (c == 'ヾ') {
                sb.append('ゞ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Symbols of a symbol word (unknown characters kept as they are). */
    String symbols(String surface) {
        StringBuilder sb = new StringBuilder();
        surface.codePoints().forEach(cp -> {
            String c = Character.toString(cp);
            sb.append(table.getOrDefault(c, c));
        });
        return sb.toString();
    }

    /** The phonemes of one word's hiragana reading. */
    String word(String hira) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hira.length(); i++) {
            String pk = i > 0 ? hira.substring(i - 1, i) : null;
            String kk = hira.substring(i, i + 1);
            String nk = i + 1 < hira.length() ? hira.substring(i + 1, i + 2) : null;
            out.append(mora(pk, kk, nk));
        }
        return out.toString();
    }

    private String mora(String pk, String kk, String nk) {
        if (REPEAT_MARKS.contains(kk)) {
            return repeat(pk, kk);
        }
        if (pk != null && table.containsKey(pk + kk)) {
            return table.get(pk + kk); // second half of a digraph: the pair is read here
        }
        if (nk != null && table.containsKey(kk + nk)) {
            return ""; // first half of a digraph
        }
        if (nk != null && SMALL_KANA.contains(nk)) {
            if (kk.equals("っ")) {
                return "";
            }
            String base = table.get(kk);
            return base == null || base.isEmpty() ? "" : base.substring(0, base.length() - 1) + table.get(nk);
        }
        if (SMALL_KANA.contains(kk)) {
            return "";
        }
        return switch (kk) {
            case "ー" -> "ː";
            case "っ" -> "ʔ";
            case "ん" -> moraicNasal(nk);
            default -> table.getOrDefault(kk, "");
        };
    }

    /** ん sounds like the consonant that follows it. */
    private String moraicNasal(String nk) {
        String next = nk == null ? null : table.get(nk);
        if (next == null || next.isEmpty()) {
            return "ɴ";
        }
        char c = next.charAt(0);
        if ("mpb".indexOf(c) >= 0) {
            return "m";
        }
        if (c == 'k' || c == 'ɡ') {
            return "ŋ";
        }
        if (next.startsWith("ɲ") || next.startsWith("ʨ") || next.startsWith("ʥ")) {
            return "ɲ";
        }
        if ("ntdɾz".indexOf(c) >= 0) {
            return "n";
        }
        return "ɴ";
    }

    /**
     * Repeat marks. Dictionary readings spell repeats out, so these only show up in unusual text; ゝ
     * repeats the previous mora (misaki returns the raw kana there, which Kokoro cannot read), ゞ
     * repeats it voiced.
     */
    private String repeat(String pk, String kk) {
        if (pk == null) {
            return "";
        }
        return switch (kk) {
            case "ゝ", "ヽ" -> table.getOrDefault(pk, "");
            case "ゞ", "ヾ" -> table.getOrDefault(voiced(pk), "");
            default -> "";
        };
    }

    private static String voiced(String kana) {
        String plain = "かきくけこさしすせそたちつてとはひふへほ";
        String voiced = "がぎぐげござじずぜぞだぢづでどばびぶべぼ";
        int i = plain.indexOf(kana);
        return i < 0 ? "" : voiced.substring(i, i + 1);
    }
}
