#!/usr/bin/env python3
"""Build the full-size random-weight Kokoro-82M stand-in for benchmarks.

Why: the benchmarks need something as heavy as the real model (the real Kokoro-82M layer
sizes, about 81-82 M parameters, the same decoder cost per frame) with its published ONNX
signatures, without downloading the 326 MB checkpoint. The network is kokoro_graph.py's at
its FULL size; the tiny test fixture with goldens is make_tiny_kokoro.py.

Writes into --out DIR: kokoro-full-tokens.onnx, kokoro-full-input_ids.onnx (the two input
layouts, as make_tiny_kokoro.py), voices/NAME.bin, voices.bin and config.json; no golden.
Then times one run on the CPU (1 thread) for a rough cost figure.

Run:  python scripts/make_bench_kokoro.py --out build/kokoro-full
      (scripts/bench/run_device.sh builds it so, as $work/kokoro)
Needs torch (legacy TorchScript ONNX exporter, dynamo=False), onnx, onnxruntime, numpy.
Exits non-zero when any check fails.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np
import torch

from kokoro_graph import (  # beside this script
    FULL,
    KOKORO_VOCAB,
    RANDOM_OPS,
    SAMPLE_RATE,
    ExportInputIds,
    ExportTokens,
    TinyKokoro,
    check,
    count_params,
    describe,
    export,
    init_weights,
    op_types,
    ort_session,
    param_breakdown,
    run_main,
    run_model,
    style_row_index,
    write_config,
    write_voices,
)


def build_full(out: str, seed: int, npz_stored: bool, bench_tokens: int) -> dict:
    c = FULL
    print(f"[full] building model (seed {seed})")
    model = TinyKokoro(c).eval()
    init_weights(model, seed)
    n_params = count_params(model)
    parts = param_breakdown(model)
    print(f"[full] parameters: {n_params:,} (real Kokoro-82M: ~81.8M)")
    for k, v in parts.items():
        print(f"         {k:28s} {v:>12,}")
    voices, vfiles, npz_path = write_voices(out, npz_stored)
    write_config(out, c)

    rng = np.random.default_rng(seed)
    ids = rng.choice(np.array(sorted(set(KOKORO_VOCAB.values()) - {16})), bench_tokens).tolist()
    padded = [0] + ids + [0]
    style = voices["jf_alpha"][style_row_index(len(ids)), 0]
    ex = (torch.tensor([padded]), torch.from_numpy(style.reshape(1, -1).copy()),
          torch.tensor([1.0], dtype=torch.float32))
    paths = {"tokens": os.path.join(out, "kokoro-full-tokens.onnx"),
             "input_ids": os.path.join(out, "kokoro-full-input_ids.onnx")}
    t0 = time.time()
    export(ExportTokens(model), paths["tokens"], "tokens", "audio", 1, ex)
    export(ExportInputIds(model), paths["input_ids"], "input_ids", "waveform", 2, ex)
    print(f"[full] exported in {time.time() - t0:.1f}s")
    check(60e6 < n_params < 100e6, f"parameter count {n_params / 1e6:.1f}M is Kokoro-sized")
    result = {"params": n_params, "parts": parts}
    for key, p in paths.items():
        ops, _ = op_types(p)
        check(not (set(ops) & RANDOM_OPS), f"{os.path.basename(p)} has no random ops")
        sess = ort_session(p)
        ins, outs = describe(sess)
        in_name = "tokens" if key == "tokens" else "input_ids"
        check([i["name"] for i in ins] == [in_name, "style", "speed"], f"{key} inputs {ins}")
        print(f"  {os.path.basename(p)}: {os.path.getsize(p) / 1e6:.1f} MB outputs {outs}")
    # one timed run (CPU, 1 thread) for a rough cost figure; the real bench belongs in Java
    sess = ort_session(paths["input_ids"])
    with torch.no_grad():
        tw, tdur = model(*ex)
    t0 = time.time()
    w = run_model(sess, "input_ids", padded, style, 1.0)
    dt = time.time() - t0
    frames = w.shape[1] // c.samples_per_frame
    check(w.ndim == 2 and w.shape[0] == 1 and w.shape[1] == c.samples_per_frame * frames > 0,
          f"waveform {w.shape} = {c.samples_per_frame} * {frames} frames")
    check(bool(np.all(np.isfinite(w))), "full output finite")
    rms = float(np.sqrt(np.mean(w.astype(np.float64) ** 2)))
    check(rms > 1e-4, f"full output not silent/denormal (rms {rms:.4f})")
    if tw.shape[1] == w.shape[1]:
        err = float(np.max(np.abs(tw.numpy() - w)))
        check(err < 1e-2 * max(1.0, float(np.max(np.abs(w)))),
              f"full onnxruntime vs torch max abs diff {err:.2e}")
    else:   # a duration sitting on a rounding tie can flip; not an error for a bench model
        print(f"  note torch gave {int(tdur.sum())} frames, onnxruntime {frames}; "
              "waveforms not compared")
    secs = w.shape[1] / SAMPLE_RATE
    print(f"[full] {len(ids)} tokens -> {frames} frames -> {secs:.2f}s audio; "
          f"onnxruntime CPU 1 thread {dt:.2f}s (RTF {dt / secs:.3f})")
    result.update({"bench_tokens": len(ids), "frames": frames, "audio_s": secs, "ort_1t_s": dt})
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # make_tiny_kokoro.py --size full took these arguments; --size full is still accepted
    ap.add_argument("--size", choices=["full"], default="full", help=argparse.SUPPRESS)
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--npz-stored", action="store_true",
                    help="write voices.bin uncompressed like the real voices-v1.0.bin "
                         "(3 voices = 1.57 MB) instead of deflated")
    ap.add_argument("--bench-tokens", type=int, default=64,
                    help="unpadded token count for the timing run (a ~30-mora "
                         "Japanese sentence is 60-70 phoneme characters)")
    args = ap.parse_args()
    return run_main("full", args.out, args.seed,
                    lambda: build_full(args.out, args.seed, args.npz_stored, args.bench_tokens))


if __name__ == "__main__":
    sys.exit(main())
