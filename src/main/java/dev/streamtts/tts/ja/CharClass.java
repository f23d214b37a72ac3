package dev.streamtts.tts.ja;

/** MeCab's character classes (UniDic char.def), for words Kuromoji does not know. */
final class CharClass {
    static final int DEFAULT = 0;
    static final int SPACE = 1;
    static final int KANJI = 2;
    static final int SYMBOL = 3;
    static final int NUMERIC = 4;
    static final int ALPHA = 5;
    static final int HIRAGANA = 6;
    static final int KATAKANA = 7;
    static final int KANJINUMERIC = 8;
    static final int GREEK = 9;
    static final int CYRILLIC = 10;

    private CharClass() {
    }

    static int of(int cp) {
        if (Character.isWhitespace(cp)) {
            return SPACE;
        }
        if ("〇一二三四五六七八九十百千万億兆".indexOf(cp) >= 0) {
            return KANJINUMERIC;
        }
        if ((cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || cp == '々' || cp == '〆') {
            return KANJI;
        }
        if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)) {
            return NUMERIC;
        }
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A)) {
            return ALPHA;
        }
        if (cp >= 0x3041 && cp <= 0x309F) {
            return HIRAGANA;
        }
        if ((cp >= 0x30A1 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xFF66 && cp <= 0xFF9F)) {
            return KATAKANA;
        }
        if (cp >= 0x0370 && cp <= 0x03FF) {
            return GREEK;
        }
        if (cp >= 0x0400 && cp <= 0x04FF) {
            return CYRILLIC;
        }
        return SYMBOL;
    }
}
