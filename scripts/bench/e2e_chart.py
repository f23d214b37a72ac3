#!/usr/bin/env python3
"""TTFA per sentence for each E2eBench run, as one SVG line chart (no plotting library needed).

  python3 scripts/bench/e2e_chart.py [--metric ttfa_ms|unqueued_ms|heard_ms] RUN.json... > ttfa.svg
"""
import json
import sys

W, H, L, R, T, B = 760, 420, 60, 200, 20, 40
COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]


TITLES = {"ttfa_ms": "TTFA (ms): last character on stdin to first sample ready",
          "unqueued_ms": "closing + translating + synthesizing (ms): TTFA with nothing ahead",
          "heard_ms": "last character on stdin to first sample heard (ms)"}


def main(args):
    metric = "ttfa_ms"
    if args and args[0] == "--metric":
        metric, args = args[1], args[2:]
    paths = args
    runs = []
    for p in paths:
        with open(p) as f:
            r = json.load(f)
        runs.append(("%s %s" % (r["label"], r["mode"]), [s[metric] for s in r["sentences"]]))
    n = max((len(v) for _, v in runs), default=1)
    top = max((max(v) for _, v in runs if v), default=1.0)
    top = top * 1.05 or 1.0
    x = lambda i: L + (W - L - R) * (i / max(1, n - 1))
    y = lambda v: T + (H - T - B) * (1 - v / top)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" '
           'font-size="11">' % (W, H), '<rect width="100%" height="100%" fill="white"/>']
    for k in range(6):  # horizontal grid with labels
        v = top * k / 5
        out.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/>' % (L, W - R, y(v), y(v)))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%.0f</text>' % (L - 4, y(v) + 4, v))
    out.append('<text x="%d" y="%d" text-anchor="middle">sentence</text>' % ((L + W - R) / 2, H - 8))
    out.append('<text x="12" y="%d" transform="rotate(-90 12 %d)" text-anchor="middle">%s</text>'
               % (H / 2, H / 2, TITLES.get(metric, metric)))
    for i, (label, values) in enumerate(runs):
        c = COLOURS[i % len(COLOURS)]
        pts = " ".join("%.1f,%.1f" % (x(j), y(v)) for j, v in enumerate(values))
        out.append('<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"/>' % (c, pts))
        out.append('<text x="%d" y="%d" fill="%s">%s</text>' % (W - R + 8, T + 14 * (i + 1), c, label))
    out.append("</svg>")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1:])
