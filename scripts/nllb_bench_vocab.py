#!/usr/bin/env python3
"""Widens the tiny NLLB tokenizer to the real one's 256,204 ids, for the full-size random benchmark model.

A random-weight 600M decoder picks its tokens among all 256,206 ids; with the tiny tokenizer's ~400
pieces nearly every id decoded to nothing, so no voice had text to speak and benchmarks through the
whole pipeline measured no speech. This fills the ids with synthetic pieces laid out like the real
vocabulary, so the random model's output is speakable Japanese and the tokenizer file is real-sized:

  ids 0..400            the tiny tokenizer's own pieces (English input is encoded exactly as before)
  then ~40,000 pieces   in the Japanese scripts: kana, 、 and 。, CJK ideographs, kana pairs (about the
                        share a Japanese output shortlist keeps; the real share is known only from the
                        real file)
  then, to 256,000      Hangul syllables and syllable pairs: other-script pieces a Japanese shortlist cuts
  256,001..256,202      the 202 language codes, in their real order (jpn_Jpan is 256,079, as in NLLB-200)
  256,203               <mask>

favoured_ids() names the short Japanese pieces (single kana, 、, 。) that export_nllb.py makes the random
output projection prefer, so that an output reads as ~1.2 characters a token, like real Japanese.

  python3 scripts/nllb_bench_vocab.py DIR   # rewrites DIR/tokenizer.json (+ tokenizer_config.json)

Only the standard library: it edits the tokenizer files written by transformers.
"""
from __future__ import annotations

import json
import os
import sys

MODEL_IDS = 256_001  # ids 0..256,000: <s> <pad> </s> <unk> and the 255,997 SentencePiece pieces
JAPANESE_PIECES = 40_000
HIRAGANA = [chr(c) for c in range(0x3041, 0x3097)]
KATAKANA = [chr(c) for c in range(0x30A1, 0x30FB)] + ["ー"]
PUNCTUATION = ["、", "。"]
KANJI = [chr(c) for c in range(0x4E00, 0x9FA6)]
HANGUL = [chr(c) for c in range(0xAC00, 0xD7A4)]


def synthetic_pieces(existing: set[str], count: int):
    """count new pieces in the layout above, each made of two pieces before it (so BPE merges exist)."""
    out: list[str] = []
    seen = set(existing)

    def add(piece: str, limit: int) -> bool:
        if piece not in seen and len(out) < limit:
            seen.add(piece)
            out.append(piece)
        return len(out) < limit

    kana = HIRAGANA + KATAKANA
    japanese_limit = max(0, JAPANESE_PIECES - sum(1 for p in existing if any(c in kana or c in KANJI for c in p)))
    for piece in kana + PUNCTUATION + KANJI:
        add(piece, japanese_limit)
    for a in HIRAGANA + KATAKANA:
        for b in HIRAGANA + KATAKANA:
            if not add(a + b, japanese_limit):
                break
        if len(out) >= japanese_limit:
            break
    for piece in HANGUL:
        add(piece, count)
    for a in HANGUL:
        for b in HANGUL:
            if not add(a + b, count):
                return out
    return out


def favoured(piece: str) -> bool:
    return piece in PUNCTUATION or (len(piece) == 1 and (piece in HIRAGANA or piece in KATAKANA))


def widen(directory: str) -> list[int]:
    """Rewrites DIR's tokenizer files in place; returns the favoured ids."""
    path = os.path.join(directory, "tokenizer.json")
    with open(path, encoding="utf-8") as f:
        tok = json.load(f)
    model = tok["model"]
    vocab: dict[str, int] = model["vocab"]
    old_size = len(vocab)
    assert sorted(vocab.values()) == list(range(old_size)), "vocabulary ids are not 0..n-1"
    new = synthetic_pieces(set(vocab), MODEL_IDS - old_size)
    assert len(new) == MODEL_IDS - old_size, (len(new), MODEL_IDS - old_size)
    for i, piece in enumerate(new):
        vocab[piece] = old_size + i
    model["merges"] = list(model["merges"]) + [split(p) for p in new if len(p) > 1]

    # language codes and <mask>: to their real ids, in their order
    codes = sorted((t for t in tok["added_tokens"] if t["id"] >= old_size and t["content"] != "<mask>"),
                   key=lambda t: t["id"])
    moved = {}
    for i, t in enumerate(codes):
        moved[t["id"]] = MODEL_IDS + i
    for t in tok["added_tokens"]:
        if t["content"] == "<mask>":
            moved[t["id"]] = MODEL_IDS + len(codes)
    for t in tok["added_tokens"]:
        t["id"] = moved.get(t["id"], t["id"])
    for special in (tok.get("post_processor") or {}).get("special_tokens", {}).values():
        special["ids"] = [moved.get(i, i) for i in special["ids"]]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(tok, f, ensure_ascii=False)

    config_path = os.path.join(directory, "tokenizer_config.json")
    if os.path.exists(config_path):
        with open(config_path, encoding="utf-8") as f:
            config = json.load(f)
        decoder = config.get("added_tokens_decoder")
        if isinstance(decoder, dict):
            config["added_tokens_decoder"] = {str(moved.get(int(k), int(k))): v for k, v in decoder.items()}
        with open(config_path, "w", encoding="utf-8") as f:
            json.dump(config, f, ensure_ascii=False, indent=2)
    return sorted(i for p, i in vocab.items() if favoured(p))


def split(piece: str) -> list[str]:
    """The merge that makes piece: its last character onto the rest (both are pieces before it)."""
    return [piece[:-1], piece[-1]]


if __name__ == "__main__":
    ids = widen(sys.argv[1])
    print(f"{len(ids)} favoured ids, e.g. {ids[:5]}")
