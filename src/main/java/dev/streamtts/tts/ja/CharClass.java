package dev.streamtts.tts.ja;

/**
 * MeCab's character classes (UniDic char.def), for words Kuromoji does not know. Dictionary words and
 * katakana count as {@link #READABLE} (misaki reads them from their reading, whatever their letters).
 */
enum CharClass {
    DEFAULT, SPACE, KANJI, SYMBOL, NUMERIC, ALPHA, HIRAGANA, KATAKANA, KANJINUMERIC, GREEK, CYRILLIC;

    /** What a word with a reading to speak counts as: MeCab's class 6, hiragana. */
    static final CharClass READABLE = HIRAGANA;

    static CharClass of(int cp) {
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
