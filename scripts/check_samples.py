#!/usr/bin/env python3
"""Checks what stream-tts would say for the hand-labelled captures against what a listener should hear.

For each NN-*.jsonl that has an NN-*.expected.json beside it (by default 04-07 of
../shared/stream-json-samples), runs `scripts/stream-tts --dry-run --no-translate` on it and reports:
  - expected sentences heard word for word (in order) out of all expected ones, and each one missed
    with the nearest sentence that was said;
  - sentences said that were not expected;
  - sentences said with empty brackets, where something was cut out;
  - forbidden strings that were said (in the prose or in an activity phrase or summary).
The activity phrases and the summary ("kind" in the dry run) are not among the labelled sentences.

"Word for word" ignores what a listener cannot hear: letter case, punctuation, and how a name is
written rather than said (snake_case, camelCase, a leading ':', '$', '@' or '-'). A name that starts
with a dot may be said with or without "dot"; a path may be said as any of its trailing parts (its
file name, or more), a URL as its host. Nothing else is forgiven: a word left out is a miss.

Usage: scripts/check_samples.py [--build] [SAMPLES_DIR] [NN ...]     (exit 1 when anything is missed)
"""
from __future__ import annotations

import argparse
import difflib
import glob
import json
import os
import re
import subprocess
import sys
from urllib.parse import urlparse

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_FILES = ["04", "05", "06", "07"]


def default_samples_dir() -> str:
    """../shared/stream-json-samples beside this checkout, or beside the main checkout of a worktree."""
    candidates = [os.path.join(REPO, "..", "shared", "stream-json-samples")]
    try:
        common = subprocess.run(["git", "-C", REPO, "rev-parse", "--path-format=absolute", "--git-common-dir"],
                                capture_output=True, text=True, check=True).stdout.strip()
        candidates.append(os.path.join(os.path.dirname(common), "..", "shared", "stream-json-samples"))
    except (OSError, subprocess.CalledProcessError):
        pass
    for c in candidates:
        if os.path.isdir(c):
            return os.path.normpath(c)
    return os.path.normpath(candidates[0])


CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]|\{\s*\}")
EDGE_PUNCT = re.compile(r"^[^\w.:$@/~-]+|[^\w/]+$")


def words(name: str) -> list[str]:
    """The words a name is said as, lower case: "IMPLEMENTATION_PLAN" -> implementation plan."""
    name = name.lstrip(":$@-")
    parts = []
    for piece in re.split(r"[_/\s]+", name):
        parts.extend(CAMEL.split(piece))
    return [p.lower() for p in parts if p]


def alternatives(token: str) -> list[list[str]]:
    """Every way a written token may be heard, as word lists."""
    core = EDGE_PUNCT.sub("", token)
    if not core:
        return [[]]
    if "://" in core or core.startswith("www."):
        host = urlparse(core if "://" in core else "http://" + core).hostname or core
        host = host[4:] if host.startswith("www.") else host
        return [words(host), words(core)]
    segments = [s for s in re.split(r"[/\\]+", core) if s]
    if len(segments) > 1 or (segments and core != segments[0] and ("/" in core or "\\" in core)):
        out = []
        for i in range(len(segments)):
            for tail in dotted(segments[i:]):
                out.append(tail)
        return out
    return dotted(segments)


def dotted(segments: list[str]) -> list[list[str]]:
    """Word lists for consecutive path parts, each leading dot said as "dot" or not at all."""
    results: list[list[str]] = [[]]
    for seg in segments:
        forms = [words(seg)]
        if seg.startswith(".") and len(seg) > 1:
            forms = [["dot"] + words(seg[1:]), words(seg[1:])]
        results = [r + f for r in results for f in forms]
    return results


def heard_words(sentence: str) -> list[str]:
    out = []
    for token in sentence.split():
        core = EDGE_PUNCT.sub("", token)
        if core.startswith(".") and len(core) > 1:
            out.append("dot")
            core = core[1:]
        out.extend(w for w in re.split(r"[/\\]+", core) for w in words(w))
    return out


def matcher(expected: str) -> re.Pattern[str]:
    """A regex over space-joined heard words that accepts every way of hearing the sentence."""
    slots = []
    for token in expected.split():
        alts = {" ".join(a) for a in alternatives(token)}
        alts = sorted((a for a in alts), key=len, reverse=True)
        if alts == [""]:
            continue
        slots.append("(?:" + "|".join(re.escape(a) + " " for a in alts if a) + ")")
    return re.compile("".join(slots))


def dry_run(jsonl: str) -> list[str]:
    with open(jsonl, "rb") as stdin:
        proc = subprocess.run([os.path.join(REPO, "scripts", "stream-tts"), "--dry-run", "--no-translate"],
                              stdin=stdin, capture_output=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"stream-tts failed on {jsonl} ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    return [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]


def check(jsonl: str, expected_file: str) -> tuple[int, int, list[str]]:
    with open(expected_file, encoding="utf-8") as f:
        labels = json.load(f)
    lines = dry_run(jsonl)
    said = [line["text"] for line in lines if "kind" not in line]  # the prose; activity phrases are not labelled
    everything = [line["text"] for line in lines]
    said_words = [" ".join(heard_words(s)) + " " for s in said]
    report = []
    heard, at = 0, 0
    used = set()
    for sentence in labels["expected"]:
        pattern = matcher(sentence)
        hit = next((i for i in range(at, len(said)) if pattern.fullmatch(said_words[i])), None)
        if hit is None:
            near = difflib.get_close_matches(sentence, said, n=1, cutoff=0.0)
            report.append(f"  missed: {sentence}\n     said: {near[0] if near else '(nothing)'}")
        else:
            heard += 1
            used.add(hit)
            at = hit + 1
    for i, s in enumerate(said):
        if i not in used:
            report.append(f"  not expected: {s}")
    for s in said:
        if EMPTY_BRACKETS.search(s):
            report.append(f"  empty brackets in: {s}")
    for bad in labels.get("forbidden", []):
        for s in everything:  # an activity phrase must not say tool input either
            if bad.lower() in s.lower():
                report.append(f"  forbidden {bad!r} in: {s}")
    return heard, len(labels["expected"]), report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", action="store_true", help="build the jar first (./mvnw -o -q -B -DskipTests package)")
    parser.add_argument("samples", nargs="?", default=default_samples_dir())
    parser.add_argument("files", nargs="*", default=DEFAULT_FILES, help="file number prefixes (default 04 05 06 07)")
    args = parser.parse_args()
    if args.build:
        subprocess.run([os.path.join(REPO, "mvnw"), "-o", "-q", "-B", "-DskipTests", "package"], cwd=REPO, check=True)
    clean = True
    total_heard = total = 0
    for prefix in args.files:
        found = sorted(glob.glob(os.path.join(args.samples, prefix + "-*.expected.json")))
        if not found:
            sys.exit(f"no {prefix}-*.expected.json in {args.samples}")
        expected_file = found[0]
        jsonl = expected_file[: -len(".expected.json")] + ".jsonl"
        heard, count, report = check(jsonl, expected_file)
        total_heard += heard
        total += count
        print(f"{os.path.basename(jsonl)[:2]}: {heard}/{count} expected sentences heard word for word")
        for line in report:
            print(line)
        clean = clean and not report
    print(f"all: {total_heard}/{total}")
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
