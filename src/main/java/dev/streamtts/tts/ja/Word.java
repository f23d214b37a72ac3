package dev.streamtts.tts.ja;

/**
 * A word of the sentence as the phonemizer sees it.
 *
 * @param surface   the text
 * @param hira      its reading in hiragana (empty for symbols)
 * @param charType  MeCab's character class; {@link CharClass#READABLE} for dictionary words and katakana
 * @param pos       part of speech (UniDic level 1), "" for words made here
 * @param phonemes  phonemes decided already (numbers and Latin words), or null
 */
record Word(String surface, String hira, CharClass charType, String pos, String phonemes) {
}
