package dev.streamtts.tts.ja;

/**
 * A word of the sentence as the phonemizer sees it.
 *
 * @param surface   the text
 * @param hira      its reading in hiragana (empty for symbols)
 * @param charType  MeCab's character class, 6 for dictionary words and katakana (as misaki uses it)
 * @param pos       part of speech (UniDic level 1), "" for words made here
 * @param phonemes  phonemes decided already (numbers and Latin words), or null
 */
record Word(String surface, String hira, int charType, String pos, String phonemes) {
    static final int SYMBOL = 3;
    static final int READABLE = 6;
}
