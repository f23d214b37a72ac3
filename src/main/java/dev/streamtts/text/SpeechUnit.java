package dev.streamtts.text;

/**
 * A piece of speakable text that is segmented on its own: a paragraph, a heading, a list item's
 * paragraph, a code notice. Headings and list items therefore never run into the next sentence.
 *
 * @param text     speakable plain text
 * @param topBlock index of the document's top-level block it came from
 * @param open     it comes from the last block of a document that may still grow
 */
record SpeechUnit(String text, int topBlock, boolean open) {
}
