#!/usr/bin/env python3
"""Export NLLB-200 (M2M-100) to ONNX in Optimum's layout, for stream-tts.

Writes, into --out DIR:
  config.json, generation_config.json, tokenizer.json (+ tokenizer_config.json, special_tokens_map.json)
  encoder_model.onnx                 input_ids, attention_mask -> last_hidden_state
  decoder_model.onnx                 input_ids, encoder_attention_mask, encoder_hidden_states
                                       -> logits, present.{i}.{decoder,encoder}.{key,value}
  decoder_with_past_model.onnx       + past_key_values.{i}.{decoder,encoder}.{key,value}
                                       -> logits, present.{i}.decoder.{key,value}
  decoder_model_merged.onnx          both decoders behind one If on use_cache_branch (bool[1]); weights once
  *_quantized.onnx                   with --int8: dynamic int8 quantization (onnxruntime, MatMulInteger)
Models over 2 GB keep their weights in one external data file per model (NAME.onnx_data).

Modes:
  --model ID_OR_DIR      a real checkpoint, e.g. facebook/nllb-200-distilled-600M (needs the weights, i.e.
                         internet once or a local copy)
  --tiny-random          a random-weight M2M-100 of tiny size with a real NLLB tokenizer (a small
                         SentencePiece model trained here + the 202 language codes, built by transformers'
                         NllbTokenizer): the test fixture, every file well under 1 MB
  --full-size-random     the 600M architecture with random weights (for benchmarks; no download)

  python3 scripts/export_nllb.py --model facebook/nllb-200-distilled-600M --out models/nllb-200-distilled-600M --int8
  python3 scripts/export_nllb.py --tiny-random --out src/test/resources/models/nllb-tiny --int8 --golden
  python3 scripts/export_nllb.py --tiny-random --out /tmp/nllb-tiny --int8 --golden --check DIR
    with DIR src/test/resources/models/nllb-tiny: remakes the test fixture elsewhere and compares it with the
    committed one (scripts/compare_fixtures.py)

Needs torch, transformers (5.x), onnx, onnxruntime, sentencepiece. No optimum.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import shutil
import sys
import tempfile

import numpy as np
import onnx

import nllb_bench_vocab  # beside this script
import torch
from onnx import TensorProto, helper

OPSET = 17

# A few KB of mixed text so the tiny SentencePiece model covers Latin letters with accents, CJK,
# digits, punctuation and emoji like the real one does (written for this fixture).
TINY_CORPUS = """\
I fixed the parser first. Then I ran the tests, and all 42 of them pass now.
The build failed because config.yaml was missing a key; I added it and pushed the change.
Let me read the README before I change anything else. This will take about five minutes.
Version 1.2.3 costs $3.50 and is 100% compatible with the old API, e.g. the JSON format.
Der Test ist grün. Wir haben heute ein Meeting mit dem Team. Die Datei wurde aktualisiert.
Le fichier est mis à jour. Nous avons corrigé l'erreur et les tests passent maintenant.
El servidor no responde, ¿puedes reiniciarlo? La compilación terminó sin errores.
ファイルを更新しました。テストはすべて通りました。日本語を勉強しています。
ビルドが失敗しました。エラーの原因を調べます。設定ファイルを確認してください。
这是一个测试。我们修复了错误。한국어 문장도 있습니다. Привет, как дела? Γεια σου κόσμε.
Emoji 🎉 👍 ✅ and symbols: (a+b)*c = d, x < y > z, #1 @home ~/dir 50% & more!
naïve café über straße façade coöperate résumé smörgåsbord œuvre.
"""


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--model", help="Hugging Face id or local folder of an NLLB checkpoint")
    mode.add_argument("--tiny-random", action="store_true", help="tiny random-weight test model")
    mode.add_argument("--full-size-random", action="store_true", help="600M architecture, random weights")
    ap.add_argument("--out", required=True, help="output folder (created)")
    ap.add_argument("--int8", action="store_true", help="also write dynamically quantized *_quantized.onnx")
    ap.add_argument("--no-fp32", action="store_true", help="keep only the quantized files (with --int8)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--save-torch", action="store_true",
                    help="also save the PyTorch weights (for scripts/bench/bench_nllb.py's transformers timing)")
    ap.add_argument("--golden", action="store_true",
                    help="also write golden.json: tokenizer ids and generate() outputs of transformers (PyTorch) "
                         "for the test suite, checked against a plain onnxruntime loop over the exported files")
    ap.add_argument("--check", metavar="DIR",
                    help="then compare --out with DIR (e.g. src/test/resources/models/nllb-tiny); exits non-zero "
                         "when they differ")
    return ap.parse_args()


# --------------------------------------------------------------------------------------
# Tokenizer and model
# --------------------------------------------------------------------------------------

def tiny_tokenizer(workdir: str):
    """A real NllbTokenizer over a SentencePiece BPE model trained on TINY_CORPUS."""
    import io

    import sentencepiece as spm
    from transformers import NllbTokenizer
    from transformers.convert_slow_tokenizer import SentencePieceExtractor
    from transformers.tokenization_utils_base import generate_merges

    model = io.BytesIO()
    lines = [line for line in TINY_CORPUS.splitlines() if line.strip()] * 8
    spm.SentencePieceTrainer.train(sentence_iterator=iter(lines), model_writer=model, vocab_size=400,
                                   model_type="bpe", character_coverage=1.0, byte_fallback=False,
                                   num_threads=1, shuffle_input_sentence=False, minloglevel=2)
    spm_path = os.path.join(workdir, "sentencepiece.bpe.model")
    with open(spm_path, "wb") as f:
        f.write(model.getvalue())
    proto = SentencePieceExtractor(spm_path).proto
    # fairseq order, as in the real tokenizer: <s> <pad> </s> <unk>, then the pieces shifted by one
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for i, piece in enumerate(proto.pieces):
        if i >= 3:
            vocab[piece.piece] = i + 1
    tok = NllbTokenizer(vocab=vocab, merges=generate_merges(vocab),
                        _spm_precompiled_charsmap=proto.normalizer_spec.precompiled_charsmap)
    # Checks against the transformers 5 pitfall (vocab_file silently ignored -> every word <unk>).
    ids = tok("I fixed the parser", add_special_tokens=False)["input_ids"]
    assert len(tok) > 210 and ids and any(i != 3 for i in ids), ("tokenizer is broken", len(tok), ids)
    sp = spm.SentencePieceProcessor(model_file=spm_path)
    for s in ["I fixed the parser and all 42 tests pass now.", "ファイルを更新しました。"]:
        expect = [i + 1 if i >= 3 else 3 for i in sp.encode(s)]
        got = tok(s, add_special_tokens=False)["input_ids"]
        assert got == expect, ("tokenizer differs from SentencePiece", s, got, expect)
    return tok


def nllb_600m_config(vocab_size: int):
    """facebook/nllb-200-distilled-600M's config.json values."""
    from transformers import M2M100Config

    return M2M100Config(
        vocab_size=vocab_size, d_model=1024, encoder_layers=12, decoder_layers=12, encoder_attention_heads=16,
        decoder_attention_heads=16, encoder_ffn_dim=4096, decoder_ffn_dim=4096, max_position_embeddings=1024,
        activation_function="relu", dropout=0.1, attention_dropout=0.1, activation_dropout=0.0,
        encoder_layerdrop=0, decoder_layerdrop=0, init_std=0.02, scale_embedding=True, use_cache=True,
        pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2, tokenizer_class="NllbTokenizer",
        max_length=200)


def build_random(tiny: bool, seed: int, workdir: str):
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    torch.manual_seed(seed)
    tok = tiny_tokenizer(workdir)
    if tiny:
        config = M2M100Config(
            vocab_size=len(tok), d_model=32, encoder_layers=2, decoder_layers=2, encoder_attention_heads=4,
            decoder_attention_heads=4, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=1024,
            activation_function="relu", dropout=0.0, attention_dropout=0.0, activation_dropout=0.0,
            scale_embedding=True, use_cache=True, pad_token_id=1, bos_token_id=0, eos_token_id=2,
            decoder_start_token_id=2, tokenizer_class="NllbTokenizer", max_length=200, init_std=0.5,
            tie_word_embeddings=False)
    else:
        config = nllb_600m_config(256206)
        print("note: random 600M-shaped model; the tiny tokenizer is widened to its 256,206 ids "
              "(scripts/nllb_bench_vocab.py) once saved")
    model = M2M100ForConditionalGeneration(config).eval()
    if tiny:
        with torch.no_grad():
            # Larger random weights separate the logits, so greedy and beam choices are not near ties
            # that float rounding between runtimes could flip.
            for name, p in model.named_parameters():
                if p.dim() == 2 and "layer_norm" not in name and "lm_head" not in name:
                    p.normal_(0.0, 1.0 / (p.shape[1] ** 0.5) * 1.5)
            # Output projection: like the embeddings, with special tokens damped (a random model would
            # otherwise keep emitting language codes) and </s> growing more likely along the output,
            # so that some outputs end early and beam search meets finished hypotheses.
            model.lm_head.weight.copy_(model.model.shared.weight)
            from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES
            special = [0, 1, 3] + tok.convert_tokens_to_ids(FAIRSEQ_LANGUAGE_CODES + ["<mask>"])
            model.lm_head.weight[special] *= 0.1
            tok.src_lang = "eng_Latn"
            enc = tok(["All tests pass now.", "Let me read the README before I change anything else today."],
                      return_tensors="pt", padding=True)
            dec = torch.tensor([[2, tok.convert_tokens_to_ids("jpn_Jpan")] + list(range(20, 38))] * 2)
            h = model.model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                            decoder_input_ids=dec).last_hidden_state
            late, early = h[:, 10:16].reshape(-1, h.shape[-1]).mean(0), h[:, 1:5].reshape(-1, h.shape[-1]).mean(0)
            model.lm_head.weight[2] = (late - early) / (late - early).norm() * 6.0
    return model, tok


def favour(model, ids: list[int]):
    """Makes the random output projection prefer ids (short Japanese pieces): their rows 4x as long
    put their logits far above the other 256,000 (spread 0.64 against 2.6), so an output is speakable
    Japanese of about real length per token. The graph and its cost are unchanged."""
    with torch.no_grad():
        model.lm_head.weight[ids] *= 4.0


def load_real(model_id: str):
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_id)
    model = AutoModelForSeq2SeqLM.from_pretrained(model_id, attn_implementation="eager").eval()
    return model, tok


# --------------------------------------------------------------------------------------
# Export wrappers: flat tensors in and out, the cache objects built inside
# --------------------------------------------------------------------------------------

def make_cache(past: list[torch.Tensor] | None, layers: int):
    from transformers.cache_utils import DynamicCache, EncoderDecoderCache

    self_cache, cross_cache = DynamicCache(), DynamicCache()
    if past is not None:
        for i in range(layers):
            dk, dv, ek, ev = past[4 * i: 4 * i + 4]
            self_cache.update(dk, dv, i)
            cross_cache.update(ek, ev, i)
    return EncoderDecoderCache(self_cache, cross_cache)


def unpack_cache(cache, layers: int, with_cross: bool):
    out = []
    for i in range(layers):
        sl = cache.self_attention_cache.layers[i]
        out += [sl.keys, sl.values]
        if with_cross:
            cl = cache.cross_attention_cache.layers[i]
            out += [cl.keys, cl.values]
    return out


class Encoder(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.encoder = model.get_encoder()

    def forward(self, input_ids, attention_mask):
        return self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state


class Decoder(torch.nn.Module):
    """decoder_model (no past) or decoder_with_past_model, with Optimum's input/output names."""

    def __init__(self, model, with_past: bool):
        super().__init__()
        self.decoder = model.get_decoder()
        self.lm_head = model.lm_head
        self.layers = model.config.decoder_layers
        self.with_past = with_past

    def forward(self, input_ids, encoder_attention_mask, encoder_hidden_states, *past):
        cache = make_cache(list(past) if self.with_past else None, self.layers)
        out = self.decoder(input_ids=input_ids, encoder_hidden_states=encoder_hidden_states,
                           encoder_attention_mask=encoder_attention_mask, past_key_values=cache, use_cache=True)
        logits = self.lm_head(out.last_hidden_state)
        return (logits, *unpack_cache(out.past_key_values, self.layers, with_cross=not self.with_past))


def kv_names(prefix: str, layers: int, with_cross: bool):
    names = []
    for i in range(layers):
        names += [f"{prefix}.{i}.decoder.key", f"{prefix}.{i}.decoder.value"]
        if with_cross:
            names += [f"{prefix}.{i}.encoder.key", f"{prefix}.{i}.encoder.value"]
    return names


def past_input_names(layers: int):
    names = []
    for i in range(layers):
        names += [f"past_key_values.{i}.decoder.key", f"past_key_values.{i}.decoder.value",
                  f"past_key_values.{i}.encoder.key", f"past_key_values.{i}.encoder.value"]
    return names


def tensor_bytes(model_proto: onnx.ModelProto) -> int:
    """Weight bytes, counted without serializing (a proto over 2 GB cannot be serialized at all)."""
    total = 0
    for t in model_proto.graph.initializer:
        total += len(t.raw_data) if t.raw_data else t.ByteSize()
    for node in model_proto.graph.node:
        for attr in node.attribute:
            if attr.t is not None and attr.t.raw_data:
                total += len(attr.t.raw_data)
    return total


def save_model(model_proto: onnx.ModelProto, path: str):
    """By path, with one external data file (NAME.onnx_data) when over 2 GB (protobuf's limit)."""
    if tensor_bytes(model_proto) > 1_800_000_000:
        onnx.save_model(model_proto, path, save_as_external_data=True, all_tensors_to_one_file=True,
                        location=os.path.basename(path) + "_data", size_threshold=1024)
    else:
        onnx.save_model(model_proto, path)


def export(module, args, path, input_names, output_names, dynamic_axes):
    # torch writes a large model as one file per tensor: export into a scratch folder, then save once.
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(path))) as scratch:
        raw = os.path.join(scratch, os.path.basename(path))
        with torch.no_grad():
            torch.onnx.export(module, args, raw, input_names=input_names, output_names=output_names,
                              dynamic_axes=dynamic_axes, opset_version=OPSET, do_constant_folding=True, dynamo=False)
        save_model(onnx.load(raw), path)


def export_all(model, out: str):
    c = model.config
    layers, heads, hd = c.decoder_layers, c.decoder_attention_heads, c.d_model // c.decoder_attention_heads
    b, s, t = 2, 7, 3  # dummy batch, source length, target length (all dynamic in the files)
    ids = torch.randint(4, 60, (b, s))
    mask = torch.ones(b, s, dtype=torch.int64)
    mask[1, -2:] = 0  # a padded row, so masking is traced

    export(Encoder(model), (ids, mask), os.path.join(out, "encoder_model.onnx"),
           ["input_ids", "attention_mask"], ["last_hidden_state"],
           {"input_ids": {0: "batch_size", 1: "encoder_sequence_length"},
            "attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
            "last_hidden_state": {0: "batch_size", 1: "encoder_sequence_length"}})

    enc = torch.randn(b, s, c.d_model)
    dec_ids = torch.randint(4, 60, (b, t))
    no_past_out = ["logits"] + kv_names("present", layers, True)
    axes = {"input_ids": {0: "batch_size", 1: "decoder_sequence_length"},
            "encoder_attention_mask": {0: "batch_size", 1: "encoder_sequence_length"},
            "encoder_hidden_states": {0: "batch_size", 1: "encoder_sequence_length"},
            "logits": {0: "batch_size", 1: "decoder_sequence_length"}}
    for i in range(layers):
        axes[f"present.{i}.decoder.key"] = {0: "batch_size", 2: "decoder_sequence_length"}
        axes[f"present.{i}.decoder.value"] = {0: "batch_size", 2: "decoder_sequence_length"}
        axes[f"present.{i}.encoder.key"] = {0: "batch_size", 2: "encoder_sequence_length_out"}
        axes[f"present.{i}.encoder.value"] = {0: "batch_size", 2: "encoder_sequence_length_out"}
    export(Decoder(model, False), (dec_ids, mask, enc), os.path.join(out, "decoder_model.onnx"),
           ["input_ids", "encoder_attention_mask", "encoder_hidden_states"], no_past_out, axes)

    past = []
    for i in range(layers):
        past += [torch.randn(b, heads, t, hd), torch.randn(b, heads, t, hd),
                 torch.randn(b, heads, s, hd), torch.randn(b, heads, s, hd)]
    one = torch.randint(4, 60, (b, 1))
    with_past_axes = {k: v for k, v in axes.items() if not k.startswith("present")}
    with_past_axes["input_ids"] = {0: "batch_size"}
    with_past_axes["logits"] = {0: "batch_size"}
    for i in range(layers):
        for kv in ("key", "value"):
            with_past_axes[f"past_key_values.{i}.decoder.{kv}"] = {0: "batch_size", 2: "past_decoder_sequence_length"}
            with_past_axes[f"past_key_values.{i}.encoder.{kv}"] = {0: "batch_size", 2: "encoder_sequence_length_out"}
            with_past_axes[f"present.{i}.decoder.{kv}"] = {0: "batch_size", 2: "past_decoder_sequence_length + 1"}
    export(Decoder(model, True), (one, mask, enc, *past), os.path.join(out, "decoder_with_past_model.onnx"),
           ["input_ids", "encoder_attention_mask", "encoder_hidden_states"] + past_input_names(layers),
           ["logits"] + kv_names("present", layers, False), with_past_axes)


# --------------------------------------------------------------------------------------
# Merging the two decoders (one If on use_cache_branch, initializers shared)
# --------------------------------------------------------------------------------------

def merge_decoders(no_past_path: str, with_past_path: str, out_path: str):
    a = onnx.load(no_past_path)
    b = onnx.load(with_past_path)
    layers = sum(1 for o in a.graph.output if o.name.endswith(".decoder.key"))

    # Weights shared by content: the same parameter gets one name in the merged file.
    shared: dict[bytes, str] = {}
    initializers = []

    def dedupe(graph, tag):
        rename = {}
        for init in graph.initializer:
            arr = onnx.numpy_helper.to_array(init)
            key = hashlib.sha256(arr.tobytes() + str(arr.dtype).encode() + str(arr.shape).encode()).digest()
            if key not in shared:
                name = f"w{len(shared)}_{init.name}"[:200]
                shared[key] = name
                copy = onnx.numpy_helper.from_array(arr, name)
                initializers.append(copy)
            rename[init.name] = shared[key]
        outer = {i.name for i in graph.input}
        for node in graph.node:
            for attr in node.attribute:  # constant-folded subgraphs do not occur; keep names local
                pass
            node.input[:] = [rename.get(x, x if (x in outer or x == "") else f"{tag}/{x}") for x in node.input]
            node.output[:] = [x if x == "" else f"{tag}/{x}" for x in node.output]
            node.name = f"{tag}/{node.name}"
        del graph.initializer[:]
        return graph

    ga = dedupe(a.graph, "nopast")
    gb = dedupe(b.graph, "past")

    out_names = ["logits"] + kv_names("present", layers, True)
    then_outputs, else_outputs = [], []
    then_nodes = list(gb.node)
    for name in out_names:
        # with-past branch: its own outputs, and the step-0 cross-attention cache passed through
        # (callers keep the step-0 encoder presents; these copies are placeholders, as in Optimum)
        if name.endswith((".encoder.key", ".encoder.value")):
            src = name.replace("present.", "past_key_values.")
            then_nodes.append(helper.make_node("Identity", [src], [f"past/{name}"], name=f"past/pass_{name}"))
        then_outputs.append(helper.make_tensor_value_info(f"past/{name}", TensorProto.FLOAT, None))
        else_outputs.append(helper.make_tensor_value_info(f"nopast/{name}", TensorProto.FLOAT, None))
    then_graph = helper.make_graph(then_nodes, "with_past", [], then_outputs)
    else_graph = helper.make_graph(list(ga.node), "no_past", [], else_outputs)

    inputs = {}
    for g in (a.graph, b.graph):
        for i in g.input:
            inputs.setdefault(i.name, i)
    for name in past_input_names(layers):  # the no-past branch takes (and ignores) them too
        if name not in inputs:
            raise SystemExit(f"merge: {with_past_path} lacks input {name}")
    cond = helper.make_tensor_value_info("use_cache_branch", TensorProto.BOOL, [1])
    if_node = helper.make_node("If", ["use_cache_branch"], out_names, then_branch=then_graph,
                               else_branch=else_graph, name="optimum::if")
    outputs = [o for o in a.graph.output]
    graph = helper.make_graph([if_node], "merged_decoder", list(inputs.values()) + [cond], outputs,
                              initializer=initializers)
    merged = helper.make_model(graph, opset_imports=a.opset_import, producer_name="stream-tts export_nllb.py")
    merged.ir_version = a.ir_version
    save_model(merged, out_path)
    onnx.checker.check_model(out_path)


# --------------------------------------------------------------------------------------
# Quantization and main
# --------------------------------------------------------------------------------------

def quantize(src: str, dst: str):
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(src, dst, weight_type=QuantType.QInt8, per_channel=False, reduce_range=False,
                     op_types_to_quantize=["MatMul", "Gemm", "Gather"], use_external_data_format=os.path.getsize(src) > 1_900_000_000,
                     extra_options={"EnableSubgraph": True})


def main() -> int:
    args = parse_args()
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp()
    if args.model:
        model, tok = load_real(args.model)
    else:
        model, tok = build_random(args.tiny_random, args.seed, work)
    model.config.use_cache = True
    tok.save_pretrained(args.out)
    if args.full_size_random:
        favour(model, nllb_bench_vocab.widen(args.out))
    if args.save_torch:
        model.save_pretrained(args.out)
    model.config.save_pretrained(args.out)
    model.generation_config.save_pretrained(args.out)

    # Tracing can leave state behind in the modules (seen: a different generate() result afterwards),
    # so the export works on a copy and the goldens come from the untouched model.
    export_all(copy.deepcopy(model), args.out)
    merge_decoders(os.path.join(args.out, "decoder_model.onnx"), os.path.join(args.out, "decoder_with_past_model.onnx"),
                   os.path.join(args.out, "decoder_model_merged.onnx"))
    names = ["encoder_model", "decoder_model", "decoder_with_past_model", "decoder_model_merged"]
    if args.int8:
        for n in ["encoder_model", "decoder_model", "decoder_with_past_model"]:
            quantize(os.path.join(args.out, n + ".onnx"), os.path.join(args.out, n + "_quantized.onnx"))
        merge_decoders(os.path.join(args.out, "decoder_model_quantized.onnx"),
                       os.path.join(args.out, "decoder_with_past_model_quantized.onnx"),
                       os.path.join(args.out, "decoder_model_merged_quantized.onnx"))
        if args.no_fp32:
            for n in names:
                for p in (os.path.join(args.out, n + ".onnx"), os.path.join(args.out, n + ".onnx_data")):
                    if os.path.exists(p):
                        os.remove(p)
    shutil.rmtree(work, ignore_errors=True)
    if args.golden:
        import nllb_golden  # beside this script
        nllb_golden.write(model, tok, args.out)
    for f in sorted(os.listdir(args.out)):
        print(f"{os.path.getsize(os.path.join(args.out, f)):>14,}  {f}")
    if args.check:
        import compare_fixtures  # beside this script
        print(f"compare with {args.check}:")
        return 1 if compare_fixtures.compare(args.check, args.out) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
