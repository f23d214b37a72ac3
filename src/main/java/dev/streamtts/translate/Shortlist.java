package dev.streamtts.translate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.ibm.icu.lang.UScript;
import dev.streamtts.models.ModelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The output tokens a translation into one script can use: the decoder's output projection is cut to
 * these columns ({@link ShortlistedDecoder}), so each step computes K logits instead of the whole
 * vocabulary. Built from the tokenizer's own vocabulary (tokenizer.json). A token id is kept when
 * <ul>
 * <li>it is an added or special token (start, end, padding, unknown, every language code, mask), or a
 *     special id of the model config, or an id below the model's vocabulary size that tokenizer.json has no
 *     piece for (what it would print is unknown, so it is never taken away);</li>
 * <li>or every character of its piece is in the target's script(s) ({@link TargetScript#scripts}: Japanese
 *     is Han, Hiragana and Katakana), in Latin, or in Unicode's Common or Inherited scripts: digits,
 *     punctuation (CJK and fullwidth forms too), symbols, emoji, combining marks, the word-boundary mark ▁.</li>
 * </ul>
 * What this guarantees: a piece's characters all appear in the text it decodes to, and special tokens are
 * all kept; so every token of an output whose text is written only in those scripts is in the shortlist.
 * With greedy decoding, a step whose full-vocabulary choice is in the shortlist makes the same choice from
 * the shortlist (the largest of a subset that holds the largest; ties go to the lowest id in both, as the
 * shortlist keeps ids in order), so such an output is reproduced token for token. What changes are only
 * outputs with pieces of other scripts (a Cyrillic name kept in a Japanese translation, say).
 */
public final class Shortlist {
    /** Raised when the rule changes, so that decoders cut by the old rule are made again. */
    static final int RULE = 1;
    private static final char WORD_BOUNDARY = '\u2581';

    private final String name;
    private final int[] ids;
    private final int[] columns;
    private final String hash;

    private Shortlist(String name, int[] ids, int vocab) {
        this.name = name;
        this.ids = ids;
        this.columns = new int[vocab];
        Arrays.fill(columns, -1);
        for (int i = 0; i < ids.length; i++) {
            columns[ids[i]] = i;
        }
        this.hash = hash(ids, vocab);
    }

    /**
     * A shortlist of the given ids (any order; repeats are dropped), for tests and benchmarks.
     *
     * @param name a short label for file names ([A-Za-z0-9-])
     */
    public static Shortlist of(String name, int[] ids, int vocab) {
        if (!name.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("shortlist name: " + name);
        }
        int[] sorted = Arrays.stream(ids).distinct().sorted().toArray();
        if (sorted.length == 0 || sorted[0] < 0 || sorted[sorted.length - 1] >= vocab) {
            throw new IllegalArgumentException("shortlist ids must lie in [0, " + vocab + ")");
        }
        return new Shortlist(name, sorted, vocab);
    }

    /**
     * The shortlist for translations into {@code target}, or null when its script is not one ICU knows
     * (the full vocabulary is used then).
     */
    static Shortlist forTarget(Path tokenizerJson, LanguageCode target, NllbConfig config) throws ModelException {
        Set<Integer> scripts = new HashSet<>(TargetScript.scripts(target));
        if (scripts.isEmpty()) {
            return null;
        }
        scripts.addAll(Set.of(UScript.LATIN, UScript.COMMON, UScript.INHERITED));
        int vocab = config.vocabSize();
        BitSet keep = new BitSet(vocab);
        BitSet known = new BitSet(vocab);
        read(tokenizerJson, vocab, (id, piece, special) -> {
            known.set(id);
            if (special || inScripts(piece, scripts)) {
                keep.set(id);
            }
        });
        for (int id = 0; id < vocab; id++) {
            if (!known.get(id)) {
                keep.set(id);
            }
        }
        for (long id : new long[] {config.eosTokenId(), config.padTokenId(), config.decoderStartTokenId()}) {
            if (id >= 0 && id < vocab) {
                keep.set((int) id);
            }
        }
        return new Shortlist(target.script(), keep.stream().toArray(), vocab);
    }

    /** Whether every character of a piece is in one of the scripts (the word-boundary mark counts as a space). */
    static boolean inScripts(String piece, Set<Integer> scripts) {
        for (int i = 0; i < piece.length(); ) {
            int cp = piece.codePointAt(i);
            i += Character.charCount(cp);
            if (cp != WORD_BOUNDARY && !scripts.contains(UScript.getScript(cp))) {
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    interface PieceVisitor {
        void piece(int id, String piece, boolean special);
    }

    /**
     * Every piece of a tokenizer.json: model.vocab (an object of piece → id, as in BPE and WordPiece, or
     * a list of [piece, score] pairs, as in Unigram) and added_tokens (all taken as special).
     */
    static void read(Path tokenizerJson, int vocab, PieceVisitor visitor) throws ModelException {
        try (JsonParser p = new JsonFactory().createParser(tokenizerJson.toFile())) {
            boolean sawVocab = false;
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("added_tokens") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        int id = -1;
                        String content = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            p.nextToken();
                            if (f.equals("id")) {
                                id = p.getIntValue();
                            } else if (f.equals("content")) {
                                content = p.getText();
                            } else {
                                p.skipChildren();
                            }
                        }
                        if (id >= 0 && id < vocab && content != null) {
                            visitor.piece(id, content, true);
                        }
                    }
                } else if (field.equals("model") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        JsonToken v = p.nextToken();
                        if (f.equals("vocab") && v == JsonToken.START_OBJECT) {
                            sawVocab = true;
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String piece = p.currentName();
                                p.nextToken();
                                int id = p.getIntValue();
                                if (id >= 0 && id < vocab) {
                                    visitor.piece(id, piece, false);
                                }
                            }
                        } else if (f.equals("vocab") && v == JsonToken.START_ARRAY) {
                            sawVocab = true;
                            int id = 0;
                            while (p.nextToken() == JsonToken.START_ARRAY) {
                                p.nextToken();
                                String piece = p.getText();
                                while (p.nextToken() != JsonToken.END_ARRAY) {
                                    p.skipChildren();
                                }
                                if (id < vocab) {
                                    visitor.piece(id, piece, false);
                                }
                                id++;
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (!sawVocab) {
                throw new IOException("no model.vocab");
            }
        } catch (IOException | RuntimeException e) {
            throw new ModelException(tokenizerJson + ": cannot read its vocabulary for the output shortlist ("
                    + e.getMessage() + ")", e);
        }
    }

    /** A label for the derived decoder's file name (the target script, say "Jpan"). */
    public String name() {
        return name;
    }

    /** How many tokens are kept (the logits' width with this shortlist). */
    public int size() {
        return ids.length;
    }

    /** The full vocabulary's size. */
    public int vocab() {
        return columns.length;
    }

    /** The token id of logits column {@code column}. */
    public int id(int column) {
        return ids[column];
    }

    /** The logits column of a token id, or -1 when the shortlist leaves it out. */
    public int column(long id) {
        return id >= 0 && id < columns.length ? columns[(int) id] : -1;
    }

    public boolean contains(long id) {
        return column(id) >= 0;
    }

    /** The kept ids, ascending (a copy). */
    public int[] ids() {
        return ids.clone();
    }

    /** Identifies the rule, the vocabulary size and the ids: a derived decoder is made for one hash. */
    public String hash() {
        return hash;
    }

    private static String hash(int[] ids, int vocab) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(4 * (ids.length + 2));
            b.putInt(RULE).putInt(vocab);
            for (int id : ids) {
                b.putInt(id);
            }
            d.update(b.array());
            return HexFormat.of().formatHex(d.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + ids.length + " of " + columns.length + " tokens, " + hash + ")";
    }
}
