#!/usr/bin/env bash
# Time to first audio through the real pipeline (E2eBench), for each configuration given, in both
# input modes (deltas at TPS tokens/s, and the answer as one block), one JSON per run in OUT_DIR, and
# charts per sentence of TTFA (OUT_DIR/ttfa.svg) and of TTFA with nothing ahead (OUT_DIR/unqueued.svg).
#
#   scripts/bench/e2e.sh OUT_DIR                 # here: the tiny test models, 2 configurations
#   MODELS=DIR NLLB=DIR KOKORO_VOICE=jf_alpha PIPER_VOICE=NAME THREADS="16 4" scripts/bench/e2e.sh OUT_DIR
#   RUNS="ja:16:deltas ja:8+8:deltas en:4s:blocks ja:2+2:deltas:0-3" ... scripts/bench/e2e.sh OUT_DIR
#                                                # chosen runs (see run()); a 4th field: the CPUs (taskset)
# ANSWERS (default 2) and PLAY_RATE (default 1) are passed to E2eBench.
#
# Configurations: ja (NLLB + Kokoro), en (Piper, no translation), de (NLLB + Piper: needs a German Piper
# voice in PIPER_DE_VOICE). JAVA and CP say how to run Java (run_device.sh sets them on the bench host).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?OUT_DIR}
mkdir -p "$out"
java=${JAVA:-java}
if [ -z "${CP:-}" ]; then
  [ -f target/stream-tts.jar ] || ./mvnw -q -B -DskipTests package
  classes=$(mktemp -d)
  javac -d "$classes" -cp target/stream-tts.jar scripts/bench/E2eBench.java
  CP="target/stream-tts.jar:$classes"
fi
if [ -z "${MODELS:-}" ]; then # the tiny fixtures, laid out as a models folder
  MODELS=$(mktemp -d)
  cp -r src/test/resources/models/kokoro "$MODELS/kokoro-tiny"
  mkdir -p "$MODELS/piper"
  cp src/test/resources/models/piper/en_US-tiny_1spk-x_low.onnx* "$MODELS/piper/"
  cp -r src/test/resources/models/nllb-tiny "$MODELS/nllb-tiny" # a copy: the shortlisted decoder is written beside it
  NLLB="$MODELS/nllb-tiny" PRECISION=fp32 MAX_LENGTH=24
  PIPER_VOICE=en_US-tiny_1spk-x_low
fi
tps=${TPS:-60}
# One run: CONFIG (ja, en, de; jv: the Japanese voice alone, on the answer written in Japanese, e2e_answer_ja.md)
# THREADS (N, or T+V: translator and voice threads; a trailing s: idle ONNX
# Runtime threads sleep instead of spinning; a trailing n: sentences synthesized whole, --no-chunk)
# MODE (deltas, blocks).
run() {
  local cfg=$1 th=$2 mode=$3 cpus=${4:-} spin=true split extra=() java=$java
  [ -n "$cpus" ] && java="taskset -c $cpus $java"
  while :; do case "$th" in
    *s) spin=false; th=${th%s} ;;
    *n) extra+=(--no-chunk); th=${th%n} ;;
    *) break ;;
  esac; done
  case "$th" in # N: onnx.threads N (0: as stream-tts splits the CPUs); T+V: per model
    *+*) split=(--translate-threads "${th%+*}" --voice-threads "${th#*+}") ;;
    *) split=(--threads "$th") ;;
  esac
  local common=(-Doffline=true -Dstreamtts.onnx.spin=$spin -XX:+UseSerialGC -cp "$CP" E2eBench --models "$MODELS"
    "${split[@]}" --mode "$mode" --tps "$tps"
    --answers "${ANSWERS:-2}" --play-rate "${PLAY_RATE:-1}" --label "$cfg t$2${cpus:+ cpus $cpus}"
    --out "$out/$cfg-t${2//+/-}-$mode${cpus:+-cpus$cpus}.json" "${extra[@]}")  # no '+': the device tool drops such names
  case "$cfg" in
    ja) $java "${common[@]}" --translator "$NLLB" --precision "${PRECISION:-int8}" --max-length "${MAX_LENGTH:-128}" \
          --voice "${KOKORO_VOICE:-jf_alpha}" ;;
    en) $java "${common[@]}" --no-translate --voice "$PIPER_VOICE" ;;
    jv) $java "${common[@]}" --no-translate --voice "${KOKORO_VOICE:-jf_alpha}" --answer scripts/bench/e2e_answer_ja.md ;;
    de) $java "${common[@]}" --translator "$NLLB" --precision "${PRECISION:-int8}" --max-length "${MAX_LENGTH:-128}" \
          --target deu_Latn --voice "$PIPER_DE_VOICE" ;;
  esac
}
# RUNS: "CONFIG:THREADS:MODE ..." (e.g. "ja:16:deltas ja:8+8:deltas en:4s:blocks"); by default every
# configuration at each of THREADS in both modes (de only with PIPER_DE_VOICE).
if [ -z "${RUNS:-}" ]; then
  for t in ${THREADS:-0}; do for mode in deltas blocks; do
    RUNS="${RUNS:-} ja:$t:$mode en:$t:$mode"; [ -n "${PIPER_DE_VOICE:-}" ] && RUNS="$RUNS de:$t:$mode"
  done; done
fi
for r in $RUNS; do
  IFS=: read -r cfg th mode cpus <<< "$r"
  run "$cfg" "$th" "$mode" "$cpus"
done
python3 scripts/bench/e2e_chart.py "$out"/*.json > "$out/ttfa.svg"
python3 scripts/bench/e2e_chart.py --metric unqueued_ms "$out"/*.json > "$out/unqueued.svg"
echo "charts: $out/ttfa.svg $out/unqueued.svg"
