#!/usr/bin/env bash
# run_worker.sh: run Claude Code again and again, unattended, and listen to it work.
#
# Each iteration runs `claude -p PROMPT --output-format stream-json --verbose`, saves its stdout to its
# own .jsonl log while piping it into stream-tts, and saves claude's stderr to a separate .err log (so
# warnings and hook output never get into the stream). The log and claude never depend on stream-tts:
# if it fails or crashes, claude's output still goes to the log in full, the failure is reported, and
# a new stream-tts is started for the next run. The loop stops when claude fails, after the maximum
# number of iterations, or on Ctrl-C.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  cat <<USAGE
Usage: run_worker.sh [options] [-- stream-tts options...]

Runs claude -p PROMPT in a loop and speaks each run with stream-tts.

Options (each has an environment variable; the option wins):
  -p, --prompt TEXT        the prompt for every run                    (WORKER_PROMPT)
  -f, --prompt-file FILE   read the prompt from FILE, again before each run (WORKER_PROMPT_FILE)
  -l, --log-dir DIR        where run logs go (default: ./worker-logs)   (WORKER_LOG_DIR)
  -n, --max-iterations N   stop after N runs; 0 = no limit (default 0) (WORKER_MAX_ITERATIONS)
  -s, --pause SECONDS      pause between runs (default 5)               (WORKER_PAUSE)
  -c, --claude-args ARGS   extra arguments for claude, split on spaces (WORKER_CLAUDE_ARGS)
                           e.g. "--include-partial-messages --max-turns 30"
  -h, --help               show this help

Everything after -- goes to stream-tts (for example: -- --no-translate --stats).
WORKER_STREAM_TTS replaces the stream-tts command itself (default: scripts/stream-tts).

Logs, per run N (timestamped): DIR/run-YYYYmmdd-HHMMSS-N.jsonl (claude's stream-json, byte for byte)
and DIR/run-YYYYmmdd-HHMMSS-N.err (claude's stderr). Replay one later with:
  scripts/stream-tts < DIR/run-...jsonl

If stream-tts fails during a run (a bad option, a crash), speech stops for that run only: claude goes
on, its output is still logged in full, the loop says "stream-tts exited with CODE on run N" and
starts stream-tts again for the next run.

Exit codes: 0 all runs done (even if stream-tts failed on some; each failure is reported), 1 claude
failed (its exit code is reported; see the run's .err log) or tee failed writing its log, 2 bad
usage or a missing program, 130 Ctrl-C.
USAGE
}

prompt="${WORKER_PROMPT:-}"
prompt_file="${WORKER_PROMPT_FILE:-}"
log_dir="${WORKER_LOG_DIR:-./worker-logs}"
max_iterations="${WORKER_MAX_ITERATIONS:-0}"
pause="${WORKER_PAUSE:-5}"
claude_args="${WORKER_CLAUDE_ARGS:-}"
tts_args=()

die() { echo "run_worker.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    -p|--prompt) [ $# -ge 2 ] || die "$1 needs a value"; prompt="$2"; shift 2 ;;
    -f|--prompt-file) [ $# -ge 2 ] || die "$1 needs a value"; prompt_file="$2"; shift 2 ;;
    -l|--log-dir) [ $# -ge 2 ] || die "$1 needs a value"; log_dir="$2"; shift 2 ;;
    -n|--max-iterations) [ $# -ge 2 ] || die "$1 needs a value"; max_iterations="$2"; shift 2 ;;
    -s|--pause) [ $# -ge 2 ] || die "$1 needs a value"; pause="$2"; shift 2 ;;
    -c|--claude-args) [ $# -ge 2 ] || die "$1 needs a value"; claude_args="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; tts_args=("$@"); break ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

[[ "$max_iterations" =~ ^[0-9]+$ ]] || die "--max-iterations must be a whole number, not '$max_iterations'"
[[ "$pause" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--pause must be a number of seconds, not '$pause'"
if [ -n "$prompt_file" ]; then
  [ -r "$prompt_file" ] || die "cannot read the prompt file '$prompt_file'"
elif [ -z "$prompt" ]; then
  die "no prompt: use --prompt TEXT or --prompt-file FILE (or WORKER_PROMPT / WORKER_PROMPT_FILE)"
fi
command -v claude >/dev/null 2>&1 || die "'claude' (Claude Code) is not on PATH: install it (npm install -g @anthropic-ai/claude-code)"
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java="java"; fi
command -v "$java" >/dev/null 2>&1 || die "Java 17 or newer is needed by stream-tts and was not found (install a JDK, or set JAVA_HOME)"
mkdir -p "$log_dir" || die "cannot create the log directory '$log_dir'"

# WORKER_STREAM_TTS replaces the stream-tts command (split on spaces), e.g. for a jar installed elsewhere.
read -r -a stream_tts <<<"${WORKER_STREAM_TTS:-$here/scripts/stream-tts}"
# Build the jar now (if needed), not inside the first run's pipe.
"${stream_tts[@]}" --version >/dev/null || die "stream-tts does not start; run scripts/stream-tts --version to see why"

# The filter's stage of the pipe. Once stream-tts has ended, for whatever reason, `cat` reads the rest
# of the stream, so tee never writes to a pipe nobody reads: the log stays complete, and claude (which
# writes into tee) never gets SIGPIPE or blocks. Its exit status is stream-tts's. (stream-tts's stderr
# goes to ours, through fd 3; bash's own "Segmentation fault" line goes nowhere: the loop says it.)
speak() {
  { "${stream_tts[@]}" ${tts_args[@]+"${tts_args[@]}"} 2>&3 3>&-; } 3>&2 2>/dev/null
  local status=$?
  cat >/dev/null
  return "$status"
}

# "139" -> "139 (SIGSEGV)" for a program killed by a signal.
describe_status() {
  local name=""
  if [ "$1" -gt 128 ] && [ "$1" -lt 160 ]; then name="$(kill -l "$(($1 - 128))" 2>/dev/null)"; fi
  if [ -n "$name" ]; then echo "$1 (SIG${name#SIG})"; else echo "$1"; fi
}

interrupted=0
trap 'interrupted=1' INT TERM

read -r -a extra_claude <<<"$claude_args"
iteration=0
tts_failures=0
while :; do
  iteration=$((iteration + 1))
  if [ "$max_iterations" -gt 0 ] && [ "$iteration" -gt "$max_iterations" ]; then
    if [ "$tts_failures" -gt 0 ]; then
      echo "run_worker.sh: done after $max_iterations runs; stream-tts failed on $tts_failures of them (see above; their logs are complete)." >&2
    else
      echo "run_worker.sh: done after $max_iterations runs." >&2
    fi
    exit 0
  fi
  [ -n "$prompt_file" ] && prompt="$(cat "$prompt_file")"
  stamp="$(date +%Y%m%d-%H%M%S)-$iteration"
  log="$log_dir/run-$stamp.jsonl"
  err="$log_dir/run-$stamp.err"
  echo "run_worker.sh: run $iteration → $log" >&2

  # tee ignores SIGPIPE as well (an ignored signal stays ignored across exec), in case its output pipe
  # breaks anyway (the `cat` in speak killed): GNU tee then drops that output silently, BSD tee warns
  # "tee: stdout: Broken pipe" and exits 1 at the end; both go on writing the log, and claude lives.
  claude -p "$prompt" --output-format stream-json --verbose ${extra_claude[@]+"${extra_claude[@]}"} 2>"$err" \
    | (trap '' PIPE; exec tee "$log") \
    | speak
  statuses=("${PIPESTATUS[@]}")
  claude_status=${statuses[0]}
  tee_status=${statuses[1]}
  tts_status=${statuses[2]}

  if [ "$interrupted" -eq 1 ]; then
    echo "run_worker.sh: interrupted; logs are in $log_dir" >&2
    exit 130
  fi
  if [ "$tts_status" -ne 0 ]; then
    tts_failures=$((tts_failures + 1))
    logged="; claude's output is still logged in full ($log)"
    [ "$tee_status" -ne 0 ] && logged=""
    next="; stream-tts is started again for the next run"
    if [ "$claude_status" -ne 0 ] || [ "$tee_status" -ne 0 ] \
      || { [ "$max_iterations" -gt 0 ] && [ "$iteration" -ge "$max_iterations" ]; }; then
      next=""
    fi
    echo "run_worker.sh: stream-tts exited with $(describe_status "$tts_status") on run $iteration: speech stopped for this run$logged$next" >&2
  fi
  if [ "$claude_status" -ne 0 ]; then
    echo "run_worker.sh: claude exited with $(describe_status "$claude_status") on run $iteration; stopping (see $err)" >&2
    exit 1
  fi
  if [ "$tee_status" -ne 0 ]; then
    echo "run_worker.sh: tee exited with $(describe_status "$tee_status") on run $iteration (its message is above): the log $log may be incomplete; stopping" >&2
    exit 1
  fi
  sleep "$pause" & wait $! || true
  if [ "$interrupted" -eq 1 ]; then
    echo "run_worker.sh: interrupted; logs are in $log_dir" >&2
    exit 130
  fi
done
