#!/usr/bin/env bash
# Time to first audio through the real pipeline (E2eBench), for each configuration given, in both
# input modes (deltas at TPS tokens/s, and the answer as one block), one JSON per run in OUT_DIR, and
# charts per sentence of TTFA (OUT_DIR/ttfa.svg) and of TTFA with nothing ahead (OUT_DIR/unqueued.svg).
#
#   scripts/bench/e2e.sh OUT_DIR                 # here: the tiny test models, 2 configurations
#   MODELS=DIR NLLB=DIR KOKORO_VOICE=jf_alpha PIPER_VOICE=NAME THREADS="16 4" scripts/bench/e2e.sh OUT_DIR
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
  NLLB=src/test/resources/models/nllb-tiny PRECISION=fp32 MAX_LENGTH=24
  PIPER_VOICE=en_US-tiny_1spk-x_low
fi
tps=${TPS:-60}
for t in ${THREADS:-0}; do
  for mode in deltas blocks; do
    $java -Doffline=true -XX:+UseSerialGC -cp "$CP" E2eBench --models "$MODELS" --translator "$NLLB" \
      --precision "${PRECISION:-int8}" --max-length "${MAX_LENGTH:-128}" --voice "${KOKORO_VOICE:-jf_alpha}" \
      --threads "$t" --mode "$mode" --tps "$tps" --label "ja t$t" --out "$out/ja-t$t-$mode.json"
    $java -Doffline=true -XX:+UseSerialGC -cp "$CP" E2eBench --models "$MODELS" --no-translate \
      --voice "$PIPER_VOICE" --threads "$t" --mode "$mode" --tps "$tps" --label "en t$t" --out "$out/en-t$t-$mode.json"
    if [ -n "${PIPER_DE_VOICE:-}" ]; then
      $java -Doffline=true -XX:+UseSerialGC -cp "$CP" E2eBench --models "$MODELS" --translator "$NLLB" \
        --precision "${PRECISION:-int8}" --max-length "${MAX_LENGTH:-128}" --target deu_Latn --voice "$PIPER_DE_VOICE" \
        --threads "$t" --mode "$mode" --tps "$tps" --label "de t$t" --out "$out/de-t$t-$mode.json"
    fi
  done
done
python3 scripts/bench/e2e_chart.py "$out"/*.json > "$out/ttfa.svg"
python3 scripts/bench/e2e_chart.py --metric unqueued_ms "$out"/*.json > "$out/unqueued.svg"
echo "charts: $out/ttfa.svg $out/unqueued.svg"
