#!/usr/bin/env python3
"""Build the tiny random-weight Kokoro-82M stand-in and its goldens: the test fixture in
src/test/resources/models/kokoro.

Why: the Java code that feeds Kokoro (padding, style-row choice, speed, output shapes,
voice-file parsing) needs a small, deterministic model with the published ONNX signatures
to test against, without shipping or downloading the 326 MB checkpoint. The network is
kokoro_graph.py's at its TINY size; the full-size benchmark model is make_bench_kokoro.py.

Writes into --out DIR:
  kokoro-tiny-tokens.onnx     inputs tokens/style/speed, output audio [T]
                              (layout of kokoro-onnx's kokoro-v1.0.onnx)
  kokoro-tiny-input_ids.onnx  inputs input_ids/style/speed, output waveform [1,T]
                              (layout of onnx-community model*.onnx)
  voices/jf_alpha.bin         raw little-endian float32 [510,1,256]
                              (format of onnx-community voices/*.bin; one voice is enough
                              to test the format, and each is 0.5 MB)
  voices.bin                  numpy .npz of NAME -> float32 [510,1,256], every voice
                              (format of kokoro-onnx voices-v1.0.bin; this one is
                              deflate-compressed unless --npz-stored)
  config.json                 Kokoro-style config with the real vocab
  golden.json                 inputs and metadata of fixed cases
  golden/CASE.npy             onnxruntime CPU (1 thread) output of each case, float32
                              (scripts/golden_files.py)
--check DIR then compares the result with DIR (scripts/compare_fixtures.py).

Run:  python scripts/make_tiny_kokoro.py --out build/kokoro-tiny
      python scripts/make_tiny_kokoro.py --out build/kokoro-tiny --check src/test/resources/models/kokoro
        (or afterwards: python3 scripts/compare_fixtures.py src/test/resources/models/kokoro build/kokoro-tiny)
Needs torch (legacy TorchScript ONNX exporter, dynamo=False), onnx, onnxruntime, numpy.
Exits non-zero when any check fails.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys

import numpy as np
import torch

import compare_fixtures  # beside this script
import golden_files
from kokoro_graph import (
    MAX_PHONEMES,
    RANDOM_OPS,
    SAMPLE_RATE,
    STYLE_ROWS,
    TINY,
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
    phonemes_to_ids,
    run_main,
    run_model,
    sha256_file,
    style_row_index,
    verify_voice_files,
    write_config,
    write_voices,
)

# The voices also written in the raw format; the others are in voices.bin only.
RAW_VOICES = ("jf_alpha",)

# --------------------------------------------------------------------------------------
# Golden cases (illustrative phoneme strings; the model is random, so any ids would do)
# --------------------------------------------------------------------------------------

GOLDEN_CASES = [
    # name, phonemes, voice, speed
    ("ja_short", "koɲɲiʨiβa.", "jf_alpha", 1.0),
    ("ja_short_other_voice", "koɲɲiʨiβa.", "jm_kumo", 1.0),
    ("ja_short_fast", "koɲɲiʨiβa.", "jf_alpha", 1.2),
    ("single_phoneme", "a", "jf_alpha", 1.0),
    ("ja_sentence", "kʲoːβa iː teŋki desɨ ne.", "jm_kumo", 1.0),
    ("ja_sentence_fast", "kʲoːβa iː teŋki desɨ ne.", "jm_kumo", 1.2),
    ("en_sentence", "həlˈO wˈɜɹld!", "af_heart", 1.0),
]


def build_tiny(out: str, seed: int, npz_stored: bool) -> dict:
    c = TINY
    print(f"[tiny] building model (seed {seed})")
    model = TinyKokoro(c).eval()
    init_weights(model, seed)
    n_params = count_params(model)
    print(f"[tiny] parameters: {n_params:,}  {param_breakdown(model)}")

    voices, vfiles, npz_path = write_voices(out, npz_stored, RAW_VOICES)
    cfg_path = write_config(out, c)

    ex_ids = torch.tensor([[0] + phonemes_to_ids("koɲɲiʨiβa iː teŋki.") + [0]], dtype=torch.long)
    ex_style = torch.from_numpy(voices["jf_alpha"][ex_ids.shape[1] - 2].reshape(1, -1).copy())
    ex_speed = torch.tensor([1.0], dtype=torch.float32)
    paths = {"tokens": os.path.join(out, "kokoro-tiny-tokens.onnx"),
             "input_ids": os.path.join(out, "kokoro-tiny-input_ids.onnx")}
    print("[tiny] exporting ONNX (opset 17, legacy exporter)")
    export(ExportTokens(model), paths["tokens"], "tokens", "audio", 1,
           (ex_ids, ex_style, ex_speed))
    export(ExportInputIds(model), paths["input_ids"], "input_ids", "waveform", 2,
           (ex_ids, ex_style, ex_speed))

    print("[tiny] checks")
    import onnx
    models_meta = {}
    for key, p in paths.items():
        ops, m = op_types(p)
        onnx.checker.check_model(m)
        check(True, f"{os.path.basename(p)} passes onnx.checker ({len(ops)} op types)")
        bad = sorted(set(ops) & RANDOM_OPS)
        check(not bad, f"{os.path.basename(p)} has no random/dropout ops {bad}")
        check(os.path.getsize(p) < 1_000_000, f"{os.path.basename(p)} < 1 MB "
              f"({os.path.getsize(p):,} bytes)")
        sess = ort_session(p)
        ins, outs = describe(sess)
        in_name = "tokens" if key == "tokens" else "input_ids"
        out_name = "audio" if key == "tokens" else "waveform"
        check([i["name"] for i in ins] == [in_name, "style", "speed"],
              f"{key} model inputs are {[i['name'] for i in ins]}")
        check([i["type"] for i in ins] == ["tensor(int64)", "tensor(float)", "tensor(float)"],
              f"{key} model input types int64/float/float")
        check([o["name"] for o in outs] == [out_name] and outs[0]["type"] == "tensor(float)",
              f"{key} model output is {out_name} float")
        check(len(outs[0]["shape"]) == (1 if key == "tokens" else 2),
              f"{key} model output rank {len(outs[0]['shape'])} {outs[0]['shape']}")
        models_meta[key] = {"file": os.path.basename(p), "sha256": sha256_file(p),
                            "bytes": os.path.getsize(p), "opset": 17, "inputs": ins,
                            "outputs": outs, "op_types": ops}
    small = list(vfiles.values()) + [cfg_path] + ([] if npz_stored else [npz_path])
    for p in small:                    # a stored npz of 3 voices is 1.57 MB by construction
        check(os.path.getsize(p) < 1_000_000, f"{os.path.relpath(p, out)} < 1 MB "
              f"({os.path.getsize(p):,} bytes)")
    verify_voice_files(voices, vfiles, npz_path, npz_stored)

    sessions = {k: ort_session(p) for k, p in paths.items()}
    sessions2 = {k: ort_session(p) for k, p in paths.items()}
    spf = c.samples_per_frame
    cases = []
    lengths = {}
    waves = {}                         # case name -> samples, as written to golden/NAME.npy
    torch.set_num_threads(1)
    for name, ps, voice, speed in GOLDEN_CASES:
        ids = phonemes_to_ids(ps)
        check(len(ids) == len(ps), f"{name}: every phoneme of {ps!r} is in the vocab")
        padded = [0] + ids + [0]
        row = style_row_index(len(ids))
        style = voices[voice][row, 0]
        a_tok = run_model(sessions["tokens"], "tokens", padded, style, speed)
        a_tok2 = run_model(sessions2["tokens"], "tokens", padded, style, speed)
        w_ids = run_model(sessions["input_ids"], "input_ids", padded, style, speed)
        w_ids2 = run_model(sessions2["input_ids"], "input_ids", padded, style, speed)
        check(a_tok.ndim == 1 and w_ids.ndim == 2 and w_ids.shape[0] == 1,
              f"{name}: audio {a_tok.shape}, waveform {w_ids.shape}")
        check(np.array_equal(a_tok, a_tok2) and np.array_equal(w_ids, w_ids2),
              f"{name}: two sessions give bit-identical output")
        check(a_tok.shape[0] == w_ids.shape[1] and np.allclose(a_tok, w_ids[0], atol=1e-6),
              f"{name}: tokens and input_ids files agree")
        with torch.no_grad():
            tw, tdur = model(torch.tensor([padded]), torch.from_numpy(style.reshape(1, -1).copy()),
                             torch.tensor([speed], dtype=torch.float32))
        tw = tw[0].numpy()
        tdur = tdur[0].tolist()
        check(tw.shape[0] == a_tok.shape[0] == spf * sum(tdur),
              f"{name}: {a_tok.shape[0]} samples = {spf} * sum(durations {tdur})")
        err = float(np.max(np.abs(tw - a_tok)))
        peak = float(np.max(np.abs(a_tok)))
        check(err < 2e-3 * max(1.0, peak),
              f"{name}: onnxruntime matches torch (max abs diff {err:.2e}, peak {peak:.2f})")
        with torch.no_grad():
            raw = model.raw_durations(torch.tensor([padded]),
                                      torch.from_numpy(style.reshape(1, -1).copy()),
                                      torch.tensor([speed], dtype=torch.float32))[0].numpy()
        margin = float(np.min(np.abs(raw - np.floor(raw) - 0.5)))
        check(margin > 2e-4, f"{name}: raw durations are {margin:.4f} away from a rounding tie")
        check(bool(np.all(np.isfinite(a_tok))), f"{name}: output finite")
        rms = float(np.sqrt(np.mean(a_tok.astype(np.float64) ** 2)))
        check(rms > 1e-3, f"{name}: output not silent (rms {rms:.4f})")
        lengths[name] = a_tok.shape[0]
        wav = a_tok.astype("<f4")
        waves[name] = wav
        cases.append({
            "name": name,
            "phonemes": ps,
            "tokens": ids,
            "input_ids": padded,
            "n_tokens": len(ids),
            "voice": voice,
            "style_row": row,
            "style_row_sum": float(np.sum(style.astype(np.float64))),
            "style_row_head": [float(x) for x in style[:4]],
            "speed": speed,
            "durations": tdur,
            "duration_rounding_margin": margin,
            "frames": int(sum(tdur)),
            "num_samples": int(wav.shape[0]),
            "stats": {"rms": rms, "min": float(wav.min()), "max": float(wav.max()),
                      "sum": float(np.sum(wav.astype(np.float64))),
                      "head": [float(x) for x in wav[:8]], "tail": [float(x) for x in wav[-8:]]},
            "waveform": golden_files.write_waveform(out, name, wav),
        })

    # behaviour checks: style and speed must matter, length must track token count
    check(lengths["ja_short_fast"] < lengths["ja_short"],
          f"speed 1.2 gives fewer samples ({lengths['ja_short_fast']} < {lengths['ja_short']})")
    check(lengths["ja_sentence_fast"] < lengths["ja_sentence"],
          "speed 1.2 shortens the sentence too")
    check(lengths["single_phoneme"] < lengths["ja_short"] < lengths["ja_sentence"],
          "more tokens give more samples")
    a = next(x for x in cases if x["name"] == "ja_short")
    b = next(x for x in cases if x["name"] == "ja_short_other_voice")
    check(not np.array_equal(waves[a["name"]], waves[b["name"]]), "voice changes the waveform")
    # style row matters: the neighbouring row must give a different waveform
    row = a["style_row"]
    w_row = run_model(sessions["tokens"], "tokens", a["input_ids"],
                      voices["jf_alpha"][row - 1, 0], 1.0)
    base_wav = waves[a["name"]]
    diff = (w_row.shape != base_wav.shape) or float(np.max(np.abs(w_row - base_wav))) > 1e-4
    check(diff, "style row n-1 gives a different waveform than row n (off-by-one detectable)")

    import onnxruntime as ort
    golden = {
        "format": "stream-tts kokoro tiny golden v2",
        "note": ("Random-weight model. Each case's 'waveform' names a .npy of float32 samples. Inputs "
                 "already padded (0 at both ends). style = voice[style_row][0], style_row = "
                 "min(n_tokens, 509) with n_tokens counted before padding."),
        "generated_with": {"python": platform.python_version(), "torch": torch.__version__,
                           "onnx": onnx.__version__, "onnxruntime": ort.__version__,
                           "numpy": np.__version__, "seed": seed,
                           "session": "CPUExecutionProvider, intra_op=1, inter_op=1, sequential,"
                                      " default graph optimisation"},
        "conventions": {"pad_id": 0, "sample_rate": SAMPLE_RATE, "samples_per_frame": spf,
                        "max_phonemes": MAX_PHONEMES, "style_rows": STYLE_ROWS,
                        "style_row_rule": "min(n_tokens, 509)",
                        "style_halves": "style[:, :128] -> decoder, style[:, 128:] -> prosody"},
        "suggested_tolerance": {"num_samples": "exact",
                                "max_abs_diff": 1e-3,
                                "why": "other onnxruntime builds/CPUs may differ in the last bits "
                                       "and the decoder amplifies them (peaks are ~4)"},
        "models": models_meta,
        "voices": {"raw": {k: {"file": os.path.relpath(p, out), "sha256": sha256_file(p)}
                           for k, p in vfiles.items()},
                   "npz": {"file": "voices.bin", "sha256": sha256_file(npz_path),
                           "zip_method": "stored" if npz_stored else "deflated",
                           "keys": sorted(voices)}},
        "config": {"file": "config.json", "sha256": sha256_file(cfg_path)},
        "cases": cases,
    }
    gpath = os.path.join(out, "golden.json")
    with open(gpath, "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False, indent=1)
    check(os.path.getsize(gpath) < 1_000_000, f"golden.json < 1 MB ({os.path.getsize(gpath):,} bytes)")
    with open(gpath, encoding="utf-8") as f:
        back = json.load(f)
    check(len(back["cases"]) == len(GOLDEN_CASES), "golden.json re-reads")
    check(len({c["waveform"] for c in back["cases"]}) == len(GOLDEN_CASES), "every case has a .npy of its own")
    check(all(np.array_equal(np.load(os.path.join(out, c["waveform"])), waves[c["name"]]) for c in back["cases"]),
          "every golden .npy re-reads equal")
    return {"params": n_params, "files": sorted(os.path.relpath(os.path.join(d, fn), out)
                                                for d, _, fns in os.walk(out) for fn in fns),
            "lengths": lengths}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # kept so that older command lines still work or say where --size full went
    ap.add_argument("--size", choices=["tiny", "full"], default="tiny", help=argparse.SUPPRESS)
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--npz-stored", action="store_true",
                    help="write voices.bin uncompressed like the real voices-v1.0.bin "
                         "(3 voices = 1.57 MB) instead of deflated")
    ap.add_argument("--check", metavar="DIR",
                    help="then compare --out with DIR (e.g. src/test/resources/models/kokoro); "
                         "exits non-zero when they differ")
    args = ap.parse_args()
    if args.size == "full":
        print("make_tiny_kokoro.py: the full-size model is scripts/make_bench_kokoro.py now", file=sys.stderr)
        return 2
    rc = run_main("tiny", args.out, args.seed, lambda: build_tiny(args.out, args.seed, args.npz_stored))
    if rc == 0 and args.check:
        print(f"compare with {args.check}:")
        rc = 1 if compare_fixtures.compare(args.check, args.out) else 0
    return rc


if __name__ == "__main__":
    sys.exit(main())
