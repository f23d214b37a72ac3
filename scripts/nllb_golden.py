"""Golden outputs for stream-tts's NLLB tests, made by transformers itself (PyTorch), and checked against a
plain onnxruntime loop over the exported files so that a broken export cannot produce "goldens".

Used by export_nllb.py --golden. Writes OUT/golden.json:
  tokenizer: for each text, the ids without special tokens and the encoder input [src_lang] ids </s>
             (what NllbTokenizer(src_lang=...) gives today)
  generate:  for each case (texts, src, tgt, num_beams, max_length): the sequences generate() returns
             (decoder start token first; finished rows of a batch padded with <pad>)
  int8:      greedy outputs of the onnxruntime loop over the *_quantized files (int8 differs from PyTorch)
"""
from __future__ import annotations

import json
import os

import numpy as np
import onnxruntime as ort
import torch

TOKENIZER_TEXTS = [
    "Hello world.",
    "I fixed the parser first; then I ran the tests, and all 42 of them pass now!",
    "Version 1.2.3 costs $3.50 (100% compatible, e.g. the JSON format).",
    "Emoji: 🎉 👍 ✅ — done?",
    "ファイルを更新しました。テストはすべて通りました。",
    "naïve café über straße façade",
    "Привет, как дела? 这是一个测试。",
    "  leading and trailing spaces  ",
    "x",
    " ".join(["The build failed because config.yaml was missing a key, so I added it."] * 40),
]

GENERATE_CASES = [
    # texts, src, tgt, num_beams, max_length
    (["I fixed the parser first."], "eng_Latn", "jpn_Jpan", 1, 24),
    (["The build failed because config.yaml was missing a key."], "eng_Latn", "deu_Latn", 1, 24),
    (["Le fichier est mis à jour."], "fra_Latn", "eng_Latn", 1, 24),
    (["I fixed the parser first."], "eng_Latn", "jpn_Jpan", 4, 24),
    (["The build failed because config.yaml was missing a key."], "eng_Latn", "deu_Latn", 4, 24),
    (["Le fichier est mis à jour."], "fra_Latn", "eng_Latn", 4, 24),
    (["All tests pass now.", "Let me read the README before I change anything else today.", "Done."],
     "eng_Latn", "jpn_Jpan", 1, 24),
    (["All tests pass now.", "Let me read the README before I change anything else today.", "Done."],
     "eng_Latn", "jpn_Jpan", 4, 24),
    (["I fixed the parser first."], "eng_Latn", "jpn_Jpan", 4, 40),
    (["I fixed the parser first."], "eng_Latn", "jpn_Jpan", 2, 16),
    (["Version 1.2.3 costs $3.50."], "eng_Latn", "jpn_Jpan", 1, 200),
    (["Version 1.2.3 costs $3.50."], "eng_Latn", "jpn_Jpan", 4, 200),
    # min_length: no end token before 20 tokens (how the benchmark forces a fixed output length)
    (["I fixed the parser first."], "eng_Latn", "jpn_Jpan", 1, 24, 20),
    (["I fixed the parser first."], "eng_Latn", "jpn_Jpan", 4, 24, 20),
]


def hf_generate(model, tok, texts, src, tgt, beams, max_length, min_length=0):
    tok.src_lang = src
    enc = tok(texts, return_tensors="pt", padding=True)
    with torch.no_grad():
        out = model.generate(**enc, forced_bos_token_id=tok.convert_tokens_to_ids(tgt), num_beams=beams,
                             max_length=max_length, min_length=min_length, do_sample=False, length_penalty=1.0,
                             early_stopping=False, num_return_sequences=1)
    return enc, out.tolist()


class OrtGreedy:
    """A plain greedy loop over the exported files: the reference the Java code is compared with."""

    def __init__(self, out, suffix, merged):
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        self.enc = ort.InferenceSession(os.path.join(out, f"encoder_model{suffix}.onnx"), opts)
        if merged:
            self.first = self.cached = ort.InferenceSession(os.path.join(out, f"decoder_model_merged{suffix}.onnx"), opts)
        else:
            self.first = ort.InferenceSession(os.path.join(out, f"decoder_model{suffix}.onnx"), opts)
            self.cached = ort.InferenceSession(os.path.join(out, f"decoder_with_past_model{suffix}.onnx"), opts)
        self.merged = merged

    def run(self, ids, mask, forced, max_length, layers, heads, hd, eos=2, pad=1, start=2):
        b = ids.shape[0]
        hidden = self.enc.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        seqs = [[start] for _ in range(b)]
        done = [False] * b
        last = np.full((b, 1), start, dtype=np.int64)
        enc_cache, dec_cache = None, None
        margins = []
        for step in range(max_length - 1):
            feed = {"input_ids": last, "encoder_attention_mask": mask}
            sess = self.first if step == 0 else self.cached
            names = [i.name for i in sess.get_inputs()]
            if "encoder_hidden_states" in names:
                feed["encoder_hidden_states"] = hidden
            if self.merged:
                feed["use_cache_branch"] = np.array([step > 0])
            if step > 0 or self.merged:
                for i in range(layers):
                    for kv in ("key", "value"):
                        empty = np.zeros((b, heads, 0, hd), dtype=np.float32)
                        feed[f"past_key_values.{i}.decoder.{kv}"] = dec_cache[(i, kv)] if step > 0 else empty
                        feed[f"past_key_values.{i}.encoder.{kv}"] = enc_cache[(i, kv)] if step > 0 else empty
            outs = dict(zip([o.name for o in sess.get_outputs()], sess.run(None, feed)))
            if step == 0:
                enc_cache = {(i, kv): outs[f"present.{i}.encoder.{kv}"] for i in range(layers) for kv in ("key", "value")}
            dec_cache = {(i, kv): outs[f"present.{i}.decoder.{kv}"] for i in range(layers) for kv in ("key", "value")}
            logits = outs["logits"][:, -1, :]
            nxt = []
            for r in range(b):
                if done[r]:
                    nxt.append(pad)
                    continue
                if step == 0:
                    t = forced
                else:
                    order = np.argsort(-logits[r], kind="stable")
                    t = int(order[0])
                    margins.append(float(logits[r][order[0]] - logits[r][order[1]]))
                nxt.append(t)
            for r in range(b):
                seqs[r].append(nxt[r])
                done[r] = done[r] or nxt[r] == eos
            last = np.array(nxt, dtype=np.int64).reshape(b, 1)
            if all(done):
                break
        return seqs, margins


def write(model, tok, out):
    c = model.config
    layers, heads, hd = c.decoder_layers, c.decoder_attention_heads, c.d_model // c.decoder_attention_heads
    golden = {"note": "made by scripts/nllb_golden.py with transformers " + __import__("transformers").__version__
                      + " and onnxruntime " + ort.__version__,
              "generate_kwargs": {"do_sample": False, "length_penalty": 1.0, "early_stopping": False,
                                  "forced_bos_token_id": "id of the target language"},
              "tokenizer": [], "generate": [], "int8": []}
    for text in TOKENIZER_TEXTS:
        tok.src_lang = "eng_Latn"
        golden["tokenizer"].append({"text": text, "src_lang": "eng_Latn",
                                    "tokens": tok(text, add_special_tokens=False)["input_ids"],
                                    "encoder_input": tok(text)["input_ids"]})
    tok.src_lang = "fra_Latn"
    golden["tokenizer"].append({"text": "Le fichier est mis à jour.", "src_lang": "fra_Latn",
                                "tokens": tok("Le fichier est mis à jour.", add_special_tokens=False)["input_ids"],
                                "encoder_input": tok("Le fichier est mis à jour.")["input_ids"]})
    for e in golden["tokenizer"]:
        assert e["encoder_input"] == [tok.convert_tokens_to_ids(e["src_lang"])] + e["tokens"] + [2], e

    checks = {"merged": OrtGreedy(out, "", True), "split": OrtGreedy(out, "", False)}
    int8 = OrtGreedy(out, "_quantized", True) if os.path.exists(os.path.join(out, "encoder_model_quantized.onnx")) else None
    min_margin = float("inf")
    for case in GENERATE_CASES:
        texts, src, tgt, beams, max_length = case[:5]
        min_length = case[5] if len(case) > 5 else 0
        enc, seqs = hf_generate(model, tok, texts, src, tgt, beams, max_length, min_length)
        forced = tok.convert_tokens_to_ids(tgt)
        golden["generate"].append({"texts": texts, "src_lang": src, "tgt_lang": tgt, "num_beams": beams,
                                   "max_length": max_length, "min_length": min_length,
                                   "input_ids": enc["input_ids"].tolist(), "sequences": seqs})
        if beams == 1 and min_length == 0:
            for name, loop in checks.items():
                got, margins = loop.run(enc["input_ids"].numpy(), enc["attention_mask"].numpy(), forced, max_length,
                                        layers, heads, hd)
                trimmed = [s + [1] * (len(seqs[0]) - len(s)) for s in got]
                assert trimmed == seqs, (name, texts, got, seqs)
                min_margin = min([min_margin] + margins)
            if int8 is not None:
                got, _ = int8.run(enc["input_ids"].numpy(), enc["attention_mask"].numpy(), forced, max_length,
                                  layers, heads, hd)
                golden["int8"].append({"texts": texts, "src_lang": src, "tgt_lang": tgt, "max_length": max_length,
                                       "sequences": got})
    golden["min_greedy_logit_margin"] = min_margin
    print(f"golden: {len(golden['generate'])} generate cases; onnxruntime merged and split loops equal transformers' "
          f"greedy output; smallest top-1/top-2 logit margin {min_margin:.4g}")
    if min_margin < 1e-3:
        raise SystemExit("a greedy choice is a near tie: change --seed")
    with open(os.path.join(out, "golden.json"), "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False, indent=1)
