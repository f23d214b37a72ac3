#!/usr/bin/env python3
"""Compare a regenerated test-fixture folder with the committed one.

The fixture generators (make_tiny_kokoro.py, make_tiny_piper.py, export_nllb.py --tiny-random --golden)
need torch and onnxruntime, so they run on another host than the tests; this says whether what they
made there is what the repository holds:

  python3 scripts/compare_fixtures.py src/test/resources/models/kokoro /tmp/kokoro

Each generator's --check DIR runs the same comparison right after building.

Rules, per relative path (both folders are walked):
  *.npy    same dtype and shape, values within --atol (default 1e-6; an onnxruntime or CPU other
           than the one that made the committed file may differ in the last bits)
  *.json   equal as parsed JSON, integers exactly and other numbers within --json-atol (default 1e-5:
           margins and timings computed in float32 by another torch differ in the last bits), except
           keys named by --ignore at any depth (default: generated_with, the tool versions, and the
           sha256/bytes a golden records of the .onnx files, which are compared themselves)
  *.onnx   byte-equal, or, when onnx is installed, the same model once producer_version (the torch
           version) is cleared and weights within --atol
  others   byte-equal
A file on one side only is a difference, except those named by --skip (files of the committed folder
that no generator makes, such as piper/ids-golden.json, derived by hand). Prints one line per file;
exits 0 when nothing differs.
Needs numpy (and onnx for the .onnx fallback).
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import os
import sys

import numpy as np


def files(root: str) -> set[str]:
    out = set()
    for d, _, names in os.walk(root):
        for n in names:
            out.add(os.path.relpath(os.path.join(d, n), root))
    return out


# The tool versions, and the digests and sizes a golden.json records of the .onnx files beside it: those
# change with the torch version stamped into the file, and the files themselves are compared.
DEFAULT_IGNORE = ("generated_with", "sha256", "onnx_sha256", "bytes", "onnx_bytes")


def json_diffs(a, b, ignore: set[str], path: str = "$", atol: float = 0.0) -> list[str]:
    # bool is an int in Python; compare types first so that true != 1
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))
                                       and not isinstance(a, bool) and not isinstance(b, bool)):
        return [f"{path}: {a!r} != {b!r}"]
    if isinstance(a, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            if k in ignore:
                continue
            if k not in a or k not in b:
                out.append(f"{path}.{k}: only in {'regenerated' if k in b else 'committed'}")
            else:
                out += json_diffs(a[k], b[k], ignore, f"{path}.{k}", atol)
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)}"]
        out = []
        for i, (x, y) in enumerate(zip(a, b)):
            out += json_diffs(x, y, ignore, f"{path}[{i}]", atol)
        return out
    if isinstance(a, float) or isinstance(b, float):
        return [] if abs(a - b) <= atol else [f"{path}: {a!r} != {b!r}"]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def compare_npy(a: str, b: str, atol: float) -> str | None:
    x, y = np.load(a, allow_pickle=False), np.load(b, allow_pickle=False)
    if x.dtype != y.dtype or x.shape != y.shape:
        return f"{x.dtype}{list(x.shape)} != {y.dtype}{list(y.shape)}"
    if x.size == 0 or np.array_equal(x, y):
        return None
    d = float(np.max(np.abs(x.astype(np.float64) - y.astype(np.float64))))
    return None if d <= atol else f"max abs diff {d:.3e} > {atol:g}"


def compare_onnx(a: str, b: str, atol: float) -> str | None:
    try:
        import onnx
        from onnx import numpy_helper
    except ImportError:
        return "bytes differ (install onnx to compare the graphs)"
    ma, mb = onnx.load(a), onnx.load(b)
    if ma.producer_version != mb.producer_version:
        print(f"  note {os.path.basename(a)}: producer {ma.producer_version!r} vs {mb.producer_version!r}")
    wa = {t.name: numpy_helper.to_array(t) for t in ma.graph.initializer}
    wb = {t.name: numpy_helper.to_array(t) for t in mb.graph.initializer}
    for m in (ma, mb):
        m.producer_version = ""
        del m.graph.initializer[:]
    if ma.SerializeToString(deterministic=True) != mb.SerializeToString(deterministic=True):
        return "graphs differ (nodes, inputs, outputs or metadata)"
    if wa.keys() != wb.keys():
        return f"initializers differ: {sorted(wa.keys() ^ wb.keys())[:5]}"
    for k in wa:
        if wa[k].dtype != wb[k].dtype or wa[k].shape != wb[k].shape:
            return f"initializer {k}: {wa[k].dtype}{list(wa[k].shape)} != {wb[k].dtype}{list(wb[k].shape)}"
        if wa[k].size and not np.array_equal(wa[k], wb[k]):
            x, y = wa[k].astype(np.float64), wb[k].astype(np.float64)
            # a float32 weight of ~10 that differs in its last bit differs by 1.2e-6: relative, as ulps are
            if not np.allclose(x, y, rtol=1e-6, atol=atol):
                d = float(np.max(np.abs(x - y)))
                return f"initializer {k}: max abs diff {d:.3e} > {atol:g} + 1e-6 relative"
    return None


def compare(committed: str, regenerated: str, atol: float = 1e-6,
            ignore: tuple[str, ...] = DEFAULT_IGNORE, skip: tuple[str, ...] = (), json_atol: float = 1e-5) -> int:
    """Prints one line per file; returns the number of differences."""
    fa, fb = files(committed), files(regenerated)
    for rel in sorted(fa | fb):
        if any(fnmatch.fnmatch(rel, g) for g in skip):
            print(f"skip {rel}")
            fa.discard(rel)
            fb.discard(rel)
    bad = 0
    for rel in sorted(fa | fb):
        if rel not in fb or rel not in fa:
            print(f"DIFF {rel}: only in {'committed' if rel in fa else 'regenerated'}")
            bad += 1
            continue
        a, b = os.path.join(committed, rel), os.path.join(regenerated, rel)
        with open(a, "rb") as f:
            ba = f.read()
        with open(b, "rb") as f:
            bb = f.read()
        if ba == bb:
            print(f"same {rel}")
            continue
        if rel.endswith(".npy"):
            why = compare_npy(a, b, atol)
        elif rel.endswith(".json"):
            d = json_diffs(json.loads(ba), json.loads(bb), set(ignore), atol=json_atol)
            why = None if not d else "; ".join(d[:5]) + (f"; … {len(d) - 5} more" if len(d) > 5 else "")
        elif rel.endswith(".onnx"):
            why = compare_onnx(a, b, atol)
        else:
            why = f"bytes differ ({len(ba):,} vs {len(bb):,} bytes)"
        if why:
            print(f"DIFF {rel}: {why}")
            bad += 1
        else:
            print(f"near {rel}: equal within the rules, not byte-equal")
    print(f"{len(fa | fb)} files, {bad} differ" + ("" if bad else ": the fixtures match"))
    return bad


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("committed", help="the folder in the repository, e.g. src/test/resources/models/kokoro")
    ap.add_argument("regenerated", help="the folder a generator just wrote")
    ap.add_argument("--atol", type=float, default=1e-6, help="largest absolute difference of .npy values "
                    "and .onnx weights (default 1e-6)")
    ap.add_argument("--json-atol", type=float, default=1e-5,
                    help="largest absolute difference of non-integer JSON numbers (default 1e-5)")
    ap.add_argument("--ignore", action="append", default=None, metavar="KEY",
                    help="a JSON key to skip at any depth (repeatable; default: generated_with)")
    ap.add_argument("--skip", action="append", default=[], metavar="GLOB",
                    help="a relative path (glob) to leave out on both sides (repeatable)")
    args = ap.parse_args(argv)
    ignore = tuple(args.ignore) if args.ignore is not None else DEFAULT_IGNORE
    return 1 if compare(args.committed, args.regenerated, args.atol, ignore, tuple(args.skip), args.json_atol) else 0


if __name__ == "__main__":
    sys.exit(main())
