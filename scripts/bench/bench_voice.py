#!/usr/bin/env python3
"""Voice model timings (Piper and Kokoro) with onnxruntime in Python, the reference for the Java runs.

  python3 scripts/bench/bench_voice.py piper  MODEL.onnx --ids 1,0,18,... [--threads 16]
  python3 scripts/bench/bench_voice.py kokoro MODEL.onnx --ids 53,57,... --voice VOICE.bin [--threads 16]

Prints the median synthesis time, the audio length and the real-time factor (time / audio seconds).
Piper runs with scales [0.667, 1.0, 0.0] (noise_w 0 keeps durations, hence the work, identical run to run).
"""
import argparse
import json
import statistics
import time

import numpy as np
import onnxruntime as ort


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["piper", "kokoro"])
    ap.add_argument("model")
    ap.add_argument("--ids", required=True, help="comma-separated phoneme ids (Kokoro: without padding)")
    ap.add_argument("--voice", help="Kokoro voice file (raw float32 [510,1,256])")
    ap.add_argument("--threads", type=int, default=16)
    ap.add_argument("--runs", type=int, default=10)
    a = ap.parse_args()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = a.threads
    sess = ort.InferenceSession(a.model, opts, providers=["CPUExecutionProvider"])
    ids = np.array([[int(x) for x in a.ids.split(",")]], dtype=np.int64)
    if a.kind == "piper":
        feed = {"input": ids, "input_lengths": np.array([ids.shape[1]], dtype=np.int64),
                "scales": np.array([0.667, 1.0, 0.0], dtype=np.float32)}
        if "sid" in [i.name for i in sess.get_inputs()]:
            feed["sid"] = np.array([0], dtype=np.int64)
        rate = 22050
    else:
        table = np.fromfile(a.voice, dtype="<f4").reshape(510, 1, 256)
        names = [i.name for i in sess.get_inputs()]
        feed = {("tokens" if "tokens" in names else "input_ids"): np.pad(ids, ((0, 0), (1, 1))),
                "style": table[min(ids.shape[1], 509)], "speed": np.array([1.0], dtype=np.float32)}
        rate = 24000
    times = []
    samples = 0
    for i in range(a.runs + 2):
        start = time.perf_counter()
        out = sess.run(None, feed)[0]
        if i >= 2:
            times.append(time.perf_counter() - start)
        samples = out.size
    t = statistics.median(times)
    print(json.dumps({"kind": a.kind, "threads": a.threads, "ids": ids.shape[1], "median_s": t,
                      "audio_s": samples / rate, "rtf": t / (samples / rate)}))


if __name__ == "__main__":
    main()
