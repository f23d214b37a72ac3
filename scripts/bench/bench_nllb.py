#!/usr/bin/env python3
"""NLLB reference timings for docs/PERFORMANCE.md: transformers (PyTorch) generate() on the CPU, and a plain
onnxruntime greedy loop over the exported files, with a fixed output length so runs compare.

  python3 scripts/bench/bench_nllb.py --model-dir DIR [--threads 16] [--runs 10] [--out results.json]

DIR: from scripts/export_nllb.py --full-size-random --int8 --save-torch (ONNX files + PyTorch weights).
Input: 20 token ids ([eng_Latn] + 18 pieces + </s>); output: exactly 24 tokens after the start token
(min_length = max_length = 25), greedy.
"""
import argparse
import json
import os
import statistics
import time

import numpy as np

IN_LEN, OUT_TOKENS = 20, 24


def input_ids(vocab_size):
    rng = np.random.default_rng(0)
    pieces = rng.integers(10, 400, size=IN_LEN - 2)
    return np.array([[256047] + pieces.tolist() + [2]], dtype=np.int64) if vocab_size > 256047 else \
        np.array([[vocab_size - 150] + pieces.tolist() + [2]], dtype=np.int64)


def bench_torch(model_dir, ids, threads, runs):
    import torch
    from transformers import AutoModelForSeq2SeqLM
    torch.set_num_threads(threads)
    model = AutoModelForSeq2SeqLM.from_pretrained(model_dir).eval()
    t = torch.tensor(ids)
    mask = torch.ones_like(t)
    times = []
    for i in range(runs + 2):
        start = time.perf_counter()
        with torch.no_grad():
            out = model.generate(input_ids=t, attention_mask=mask, forced_bos_token_id=256079, num_beams=1,
                                 do_sample=False, min_length=OUT_TOKENS + 1, max_length=OUT_TOKENS + 1)
        if i >= 2:
            times.append(time.perf_counter() - start)
        assert out.shape[1] == OUT_TOKENS + 1, out.shape
    return statistics.median(times)


def bench_ort(model_dir, ids, suffix, threads, runs):
    import onnxruntime as ort
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    enc = ort.InferenceSession(os.path.join(model_dir, f"encoder_model{suffix}.onnx"), opts, providers=["CPUExecutionProvider"])
    dec = ort.InferenceSession(os.path.join(model_dir, f"decoder_model_merged{suffix}.onnx"), opts, providers=["CPUExecutionProvider"])
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    layers, heads = cfg["decoder_layers"], cfg["decoder_attention_heads"]
    hd = cfg["d_model"] // heads
    mask = np.ones_like(ids)
    sentence, steps = [], []
    for i in range(runs + 2):
        start = time.perf_counter()
        hidden = enc.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        last = np.array([[2]], dtype=np.int64)
        cache = {}
        for step in range(OUT_TOKENS):
            feed = {"input_ids": last, "encoder_attention_mask": mask, "encoder_hidden_states": hidden,
                    "use_cache_branch": np.array([step > 0])}
            for l in range(layers):
                for side in ("decoder", "encoder"):
                    for kv in ("key", "value"):
                        name = f"past_key_values.{l}.{side}.{kv}"
                        feed[name] = cache[name] if step else np.zeros((1, heads, 0, hd), np.float32)
            s0 = time.perf_counter()
            outs = dict(zip([o.name for o in dec.get_outputs()], dec.run(None, feed)))
            if step > 0 and i >= 2:
                steps.append(time.perf_counter() - s0)
            logits = outs["logits"][0, -1]
            logits[2] = -np.inf  # min_length: no end token
            token = 256079 if step == 0 else int(np.argmax(logits))
            for l in range(layers):
                for kv in ("key", "value"):
                    cache[f"past_key_values.{l}.decoder.{kv}"] = outs[f"present.{l}.decoder.{kv}"]
                    if step == 0:
                        cache[f"past_key_values.{l}.encoder.{kv}"] = outs[f"present.{l}.encoder.{kv}"]
            last = np.array([[token]], dtype=np.int64)
        if i >= 2:
            sentence.append(time.perf_counter() - start)
    memory.update(process_memory())  # while the sessions are alive
    return statistics.median(sentence), statistics.median(steps)


memory = {}


def process_memory():
    status = open("/proc/self/status").read().split("\n")
    return {field: int(next(line for line in status if line.startswith(key)).split()[1]) // 1024
            for key, field in (("VmRSS:", "rss_mb"), ("VmHWM:", "peak_rss_mb"))}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-dir", required=True)
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--out", default=None)
    ap.add_argument("--skip-torch", action="store_true")
    ap.add_argument("--only", choices=["fp32", "int8"], help="one ONNX precision, no torch; adds this process's RSS")
    a = ap.parse_args()
    cfg = json.load(open(os.path.join(a.model_dir, "config.json")))
    ids = input_ids(cfg["vocab_size"])
    r = {"threads": a.threads, "input_tokens": IN_LEN, "output_tokens": OUT_TOKENS}
    if a.only:
        suffix = "_quantized" if a.only == "int8" else ""
        r[f"ort_{a.only}_sentence_s"], r[f"ort_{a.only}_step_s"] = bench_ort(a.model_dir, ids, suffix, a.threads, a.runs)
        r.update(memory)
    else:
        if not a.skip_torch:
            r["torch_generate_s"] = bench_torch(a.model_dir, ids, a.threads, a.runs)
        r["ort_fp32_sentence_s"], r["ort_fp32_step_s"] = bench_ort(a.model_dir, ids, "", a.threads, a.runs)
        r["ort_int8_sentence_s"], r["ort_int8_step_s"] = bench_ort(a.model_dir, ids, "_quantized", a.threads, a.runs)
    print(json.dumps(r, indent=1))
    if a.out:
        json.dump(r, open(a.out, "w"), indent=1)


if __name__ == "__main__":
    main()
