package dev.streamtts.tts.ja;
import com.fasterxml.jackson.databind.*; import org.junit.jupiter.api.Test;
class ScratchTmpTest {
  @Test void t() throws Exception {
    JapanesePhonemizer p = new JapanesePhonemizer(new com.atilika.kuromoji.unidic.kanaaccent.Tokenizer(), dev.streamtts.tts.kokoro.KokoroEnglish.create(false));
    JsonNode d = new ObjectMapper().readTree(new java.io.File("/tmp/ja79.json"));
    int same = 0;
    for (JsonNode o : d) { String got = p.phonemes(o.get("text").asText()); String want = o.get("phonemes").asText();
      if (got.equals(want)) same++; else System.out.println(want + "  ||  " + got); }
    System.out.println("same " + same + " of " + d.size());
  }
}
