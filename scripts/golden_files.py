"""How the fixture generators store golden waveforms: one float32 .npy per case under golden/.

Binary, not base64 inside JSON: a quarter smaller, exact, and readable with numpy.load (and by
the tests' small reader, src/test/java/dev/streamtts/Npy.java). golden.json keeps the inputs and
metadata and names each case's file. Used by make_tiny_kokoro.py and make_tiny_piper.py.
"""
from __future__ import annotations

import os
import re

import numpy as np

FOLDER = "golden"


def waveform_path(case_name: str) -> str:
    """golden/NAME.npy, relative to the fixture folder, NAME with every character but letters,
    digits, '.', '-' and '_' turned into '_' (case names such as 'voice/hello@1.0/sid2')."""
    return f"{FOLDER}/{re.sub(r'[^A-Za-z0-9._-]', '_', case_name)}.npy"


def write_waveform(out: str, case_name: str, wave: np.ndarray) -> str:
    """Writes the samples as a 1-D little-endian float32 .npy (format 1.0, as numpy.save writes it)
    and returns its path relative to out."""
    rel = waveform_path(case_name)
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    np.save(path, np.ascontiguousarray(wave, dtype="<f4").reshape(-1), allow_pickle=False)
    return rel
