#!/usr/bin/env python3
"""Soak driver: feeds a generated stream-json session to a running stream-tts at about the speed it
speaks, samples its resident memory, threads and open files every second, and judges the run.

Called by scripts/soak/soak (which builds the jar and installs the models); see there for usage.

What a flat-memory test must measure: the process in a steady state. The pipeline's backlog is
unbounded on purpose, so pouring 10,000 sentences in at once would park them all on the heap first
and then free them while speaking -- the working set at warm-up and at the end would differ for
reasons that have nothing to do with a leak (and a leak could hide behind the shrinking backlog).
So the input is paced: the feeder starts at --rate sentences/s and, during warm-up only, raises the
rate by 5 % every 10 s; whenever stream-tts logs that speech is behind (a sentence waited 10 s) it
backs off and pauses. After warm-up the rate stays put (backing off only), so the load is the same. The backlog
stays at a few seconds of speech throughout, and the work per second is the same at warm-up and at
the end.

The verdict compares the median of the samples in a window at warm-up (after --warmup of the
sentences; by default the window is a tenth of the samples after warm-up) with the median of the last
window before the input ended: growth over --tolerance %
fails, and so does a thread or descriptor count that is higher over the whole last window than
anywhere in the warm-up window.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time

BEHIND = re.compile(r"speech is behind: (\d+) sentences waiting")
# stream-tts -v logs each sentence it plays with the time its translation and its synthesis took.
# a sentence said in pieces (voice.chunk) gives the time of its first piece
PLAYING = re.compile(r"playing sentence (\d+): .*\(translated in (\d+) ms, synthesized in (\d+) ms(?:, its first piece)?\)$")


def p95(values):
    v = sorted(values)
    return v[min(len(v) - 1, int(0.95 * len(v)))] if v else float("nan")


def proc_status(pid):
    rss = threads = None
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("Threads:"):
                threads = int(line.split()[1])
    fds = len(os.listdir("/proc/%d/fd" % pid))
    return rss, threads, fds


def wav_info(path):
    try:
        with open(path, "rb") as f:
            h = f.read(44)
        if len(h) < 44:
            return 0, 0
        rate = int.from_bytes(h[24:28], "little")
        data = int.from_bytes(h[40:44], "little")
        return rate, data
    except OSError:
        return 0, 0


class Soak:
    def __init__(self, a):
        self.a = a
        self.samples = []  # (t, sent, rss_kb, threads, fds, audio_s)
        self.sent = 0
        self.behind_events = 0
        self.behind_flag = threading.Event()
        self.input_done_t = None
        self.stderr_lines = []
        self.played = []  # (translate_ms, synthesize_ms) per sentence played, in order
        self.lock = threading.Lock()

    def read_stderr(self, stream, log):
        for raw in stream:
            line = raw.decode("utf-8", "replace")
            log.write(line)
            if "hit the length limit" in line:
                continue
            m = PLAYING.search(line.rstrip("\n"))
            if m:
                self.played.append((int(m.group(2)), int(m.group(3))))
                continue  # kept out of stderr_lines: 10,000 of them say nothing else
            m = BEHIND.search(line)
            if m:
                self.behind_events += 1
                self.behind_flag.set()
            with self.lock:
                self.stderr_lines.append(line.rstrip("\n"))
        log.flush()

    def sample(self, pid, stop):
        t0 = time.monotonic()
        while not stop.is_set():
            try:
                rss, threads, fds = proc_status(pid)
            except (OSError, ValueError):
                break
            if rss is None or threads is None:
                break
            rate, data = wav_info(self.a.wav)
            audio = data / 2 / rate if rate else 0.0
            self.samples.append((time.monotonic() - t0, self.sent, rss, threads, fds, audio))
            stop.wait(1.0)

    def snapshot(self, when):
        """Saves /proc/PID/smaps (and with --nmt-diff the NMT baseline or diff) for scripts/soak/smaps_diff.py."""
        if self.a.smaps_dir:
            try:
                with open("/proc/%d/smaps" % self.pid) as f, \
                        open(os.path.join(self.a.smaps_dir, "smaps-%s.txt" % when), "w") as out:
                    out.write(f.read())
            except OSError:
                pass
        if self.a.nmt_diff:
            if when == "warmup":
                subprocess.run(["jcmd", str(self.pid), "VM.native_memory", "baseline"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            else:
                with open(self.a.nmt_diff, "w") as out:
                    subprocess.run(["jcmd", str(self.pid), "VM.native_memory", "summary.diff"], stdout=out,
                                   stderr=subprocess.STDOUT)

    def feed(self, stdin, t0):
        rate = self.a.rate
        last_raise = time.monotonic()
        budget_start = time.monotonic()
        sent_at_start = 0
        pending = []
        baseline_done = False
        with open(self.a.input, "rb") as f:
            for line in f:
                if line.startswith(b"#TURN "):
                    stdin.write(b"".join(pending))
                    stdin.flush()
                    pending = []
                    self.sent += int(line.split()[1])
                    if not baseline_done and self.sent >= self.a.warmup * self.a.sentences:
                        baseline_done = True
                        self.snapshot("warmup")
                    now = time.monotonic()
                    if self.behind_flag.is_set():
                        self.behind_flag.clear()
                        rate = max(0.5, rate * 0.7)
                        time.sleep(self.a.pause)
                        now = time.monotonic()
                        budget_start, sent_at_start, last_raise = now, self.sent, now
                    elif now - last_raise >= 10 and self.sent < self.a.warmup * self.a.sentences:
                        # Find the rate during warm-up only: after it the load must stay the same, or
                        # the end would be measured under more work than the warm-up.
                        rate *= 1.05
                        last_raise = now
                        budget_start, sent_at_start = now, self.sent
                    # Sleep until the sentences sent since budget_start fit the rate.
                    due = budget_start + (self.sent - sent_at_start) / rate
                    if due > now:
                        time.sleep(due - now)
                else:
                    pending.append(line)
            stdin.write(b"".join(pending))
            stdin.flush()
        time.sleep(2)  # let the last sentences reach the voice: still steady state
        self.snapshot("end")
        stdin.close()
        self.final_rate = rate

    def run(self):
        a = self.a
        env = dict(os.environ)
        log = open(a.log, "w")
        cmd = a.command + ["--wav", a.wav, "--device", "none", "--stats", "-v"]
        print("soak: " + " ".join(cmd), file=sys.stderr)
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        self.pid = p.pid
        err = threading.Thread(target=self.read_stderr, args=(p.stderr, log), daemon=True)
        err.start()
        stop = threading.Event()
        # Let the launcher exec java (same pid) and the models load before the first sample.
        time.sleep(0.5)
        sampler = threading.Thread(target=self.sample, args=(p.pid, stop), daemon=True)
        sampler.start()
        try:
            self.feed(p.stdin, t0)
        except BrokenPipeError:
            print("soak: stream-tts closed its input early", file=sys.stderr)
        self.input_done_t = time.monotonic() - t0
        self.input_done_index = len(self.samples)
        rc = p.wait()
        stop.set()
        sampler.join()
        err.join(timeout=5)
        log.close()
        self.wall = time.monotonic() - t0
        return rc

    def report(self, rc):
        a = self.a
        s = self.samples[:self.input_done_index]
        with open(a.csv, "w") as f:
            f.write("t_s,sentences_sent,rss_kb,threads,fds,audio_s\n")
            for row in self.samples:
                f.write("%.1f,%d,%d,%d,%d,%.1f\n" % row)
        warm_i = next((i for i, row in enumerate(s) if row[1] >= a.warmup * a.sentences), len(s) - 1)
        # A window of a tenth of the run after warm-up by default: resident memory swings by a few per
        # cent over tens of seconds (collections, arena chunks given back), so short windows judge noise.
        window = a.window or max(10, (len(s) - warm_i) // 10)
        if len(s) < 2 * window + 2:
            print("soak: too few samples (%d) to judge; run longer" % len(s), file=sys.stderr)
            return 3
        warm_i = min(warm_i, len(s) - 2 * window)
        warm = s[warm_i:warm_i + window]
        end = s[-window:]
        med = lambda rows, k: statistics.median(r[k] for r in rows)
        rss_w, rss_e = med(warm, 2), med(end, 2)
        growth = 100.0 * (rss_e - rss_w) / rss_w
        after = s[warm_i:]
        rss_max = max(r[2] for r in after)
        thr_w, thr_e, thr_max = max(r[3] for r in warm), min(r[3] for r in end), max(r[3] for r in after)
        fd_w, fd_e, fd_max = max(r[4] for r in warm), min(r[4] for r in end), max(r[4] for r in after)
        first = s[0]
        half = s[warm_i + (len(s) - warm_i) // 2]
        last = s[-1]

        def audio_rate(x, y):
            return (y[5] - x[5]) / (y[0] - x[0]) if y[0] > x[0] else float("nan")

        def sent_rate(x, y):
            return (y[1] - x[1]) / (y[0] - x[0]) if y[0] > x[0] else float("nan")

        stats = [l for l in self.stderr_lines if l.startswith("  ") or l.startswith("stream-tts stats")]
        # Latency: translate + synthesize per sentence (queueing left out: it depends on the pacing),
        # p95 per tenth of the sentences played after warm-up; the last tenth against the first.
        work = [t + y for t, y in self.played[int(a.warmup * len(self.played)):]]
        tenths = [work[i * len(work) // 10:(i + 1) * len(work) // 10] for i in range(10)] if len(work) >= 100 else []
        lat_first, lat_last = (p95(tenths[0]), p95(tenths[-1])) if tenths else (float("nan"), float("nan"))
        print("stream-tts soak: %d sentences (%s), %.0f s (input for %.0f s), exit code %d"
              % (a.sentences, a.label, self.wall, self.input_done_t, rc))
        print("  pacing     %.1f sentences/s at the end, %d 'speech is behind' back-offs"
              % (self.final_rate, self.behind_events))
        print("  RSS        start %.1f MB | warm-up (%d%%, t=%.0f s) %.1f MB | end (t=%.0f s) %.1f MB | growth %+.2f %%"
              " | max after warm-up %.1f MB"
              % (first[2] / 1024, round(a.warmup * 100), warm[0][0], rss_w / 1024, end[-1][0], rss_e / 1024, growth,
                 rss_max / 1024))
        print("  threads    warm-up %d, end %d, max %d" % (thr_w, thr_e, thr_max))
        print("  fds        warm-up %d, end %d, max %d" % (fd_w, fd_e, fd_max))
        print("  throughput first half %.1f sentences/s (%.1f s audio/s), second half %.1f sentences/s (%.1f s audio/s)"
              % (sent_rate(s[warm_i], half), audio_rate(s[warm_i], half), sent_rate(half, last),
                 audio_rate(half, last)))
        curve = []
        step = max(1, len(s) // 10)
        for row in s[::step] + [s[-1]]:
            curve.append("%.0fs/%d:%.0fMB" % (row[0], row[1], row[2] / 1024))
        print("  RSS curve  " + " ".join(curve))
        if tenths:
            print("  latency    translate + synthesize p95 per tenth after warm-up (ms): "
                  + " ".join("%d" % p95(t) for t in tenths)
                  + " | first %d, last %d (%+.0f %%), %d sentences timed"
                  % (lat_first, lat_last, 100.0 * (lat_last - lat_first) / max(lat_first, 1), len(self.played)))
        else:
            print("  latency    too few sentences timed (%d) to judge" % len(self.played))
        for l in stats:
            print("  | " + l)
        print("  samples    " + a.csv)
        ok = True
        if rc != 0:
            print("FAIL: stream-tts exited with %d (log: %s)" % (rc, a.log))
            ok = False
        if growth > a.tolerance:
            print("FAIL: resident memory grew %.2f %% after warm-up (limit %.1f %%)" % (growth, a.tolerance))
            ok = False
        if thr_e > thr_w:
            print("FAIL: threads grew from %d to %d" % (thr_w, thr_e))
            ok = False
        if fd_e > fd_w:
            print("FAIL: open files grew from %d to %d" % (fd_w, fd_e))
            ok = False
        if tenths and lat_last > lat_first * (1 + a.latency_tolerance / 100.0) + 5:
            print("FAIL: latency p95 rose from %d ms to %d ms (limit +%.0f %%)"
                  % (lat_first, lat_last, a.latency_tolerance))
            ok = False
        if not tenths:
            print("FAIL: too few sentences were timed to judge latency (is -v logging 'playing sentence'?)")
            ok = False
        if ok:
            print("PASS: RSS flat within %.1f %%, no thread or descriptor growth, latency p95 stable within %.0f %%"
                  % (a.tolerance, a.latency_tolerance))
        return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", required=True, help="gen_stream.py output (with #TURN lines)")
    p.add_argument("--sentences", type=int, required=True)
    p.add_argument("--wav", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--csv", required=True)
    p.add_argument("--label", default="")
    p.add_argument("--rate", type=float, default=8.0, help="starting input rate, sentences/s")
    p.add_argument("--pause", type=float, default=5.0, help="seconds to pause when speech is behind")
    p.add_argument("--warmup", type=float, default=0.1, help="fraction of the sentences counted as warm-up")
    p.add_argument("--window", type=int, default=0,
                   help="samples (seconds) per comparison window; 0: a tenth of those after warm-up")
    p.add_argument("--tolerance", type=float, default=2.0, help="allowed RSS growth after warm-up, percent")
    p.add_argument("--latency-tolerance", type=float, default=25.0,
                   help="allowed rise of the translate + synthesize p95 from the first to the last tenth, percent")
    p.add_argument("--nmt-diff", help="write jcmd VM.native_memory summary.diff here when the input ends")
    p.add_argument("--smaps-dir", help="save /proc/PID/smaps at warm-up and at the end of the input here")
    p.add_argument("command", nargs=argparse.REMAINDER, help="-- then the stream-tts command line")
    a = p.parse_args()
    if a.command and a.command[0] == "--":
        a.command = a.command[1:]
    soak = Soak(a)
    rc = soak.run()
    sys.exit(soak.report(rc))


if __name__ == "__main__":
    main()
