#!/usr/bin/env python3
"""Where resident memory grew between two /proc/PID/smaps snapshots, by kind of mapping.

    smaps_diff.py smaps-warmup.txt smaps-end.txt

Kinds: java-heap (the largest anonymous reservation: -Xmx), brk-heap (glibc's main arena),
malloc-arena (glibc's per-thread arenas: 64 MiB-aligned anonymous reservations of up to 64 MiB),
file:<name> (libraries, the jar, models read with mmap), stack, other-anon.
"""
import collections
import re
import sys

HEADER = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$")
ARENA = 64 << 20


def parse(path):
    maps = []
    cur = None
    with open(path) as f:
        for line in f:
            m = HEADER.match(line)
            if m:
                cur = {"start": int(m.group(1), 16), "end": int(m.group(2), 16), "perm": m.group(3),
                       "name": m.group(4).strip(), "rss": 0}
                maps.append(cur)
            elif line.startswith("Rss:") and cur is not None:
                cur["rss"] = int(line.split()[1])
    return maps


def classify(maps):
    # The Java heap is one contiguous reservation (-Xmx) cut into several mappings (committed parts,
    # ---p rest): group adjacent anonymous mappings and take the largest group.
    groups, prev = [], None
    for m in maps:
        if not m["name"]:
            if prev is not None and not prev["name"] and prev["end"] == m["start"]:
                groups[-1].append(m)
            else:
                groups.append([m])
        prev = m
    heap = max(groups, key=lambda g: g[-1]["end"] - g[0]["start"]) if groups else []
    heap_ids = {id(m) for m in heap}
    # Group adjacent anonymous mappings (rw part + ---p guard of one reservation).
    kinds = collections.Counter()
    for m in maps:
        size = m["end"] - m["start"]
        name = m["name"]
        if id(m) in heap_ids:
            kind = "java-heap"
        elif name == "[heap]":
            kind = "brk-heap"
        elif name.startswith("[stack"):
            kind = "stack"
        elif name.startswith("["):
            kind = name
        elif name:
            kind = "file:" + name.rsplit("/", 1)[-1]
        elif m["start"] % ARENA == 0 or (size <= ARENA and (m["start"] & ~(ARENA - 1)) == ((m["end"] - 1) & ~(ARENA - 1))
                                          and any(o["start"] % ARENA == 0 and o["start"] == m["start"] & ~(ARENA - 1)
                                                  and not o["name"] for o in maps)):
            kind = "malloc-arena"
        else:
            kind = "other-anon"
        kinds[kind] += m["rss"]
    return kinds


def main():
    a, b = classify(parse(sys.argv[1])), classify(parse(sys.argv[2]))
    rows = sorted(set(a) | set(b), key=lambda k: -(b[k] - a[k]))
    print("%-40s %10s %10s %10s" % ("kind", "before kB", "after kB", "growth kB"))
    for k in rows:
        if a[k] or b[k]:
            if abs(b[k] - a[k]) >= 256 or b[k] >= 10240:
                print("%-40s %10d %10d %+10d" % (k[:40], a[k], b[k], b[k] - a[k]))
    print("%-40s %10d %10d %+10d" % ("total", sum(a.values()), sum(b.values()), sum(b.values()) - sum(a.values())))


if __name__ == "__main__":
    main()
