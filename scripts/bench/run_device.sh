#!/usr/bin/env bash
# Benchmarks behind docs/PERFORMANCE.md, on a Linux x86-64 host with Python (torch, transformers, onnx,
# onnxruntime) and no Java: a portable JRE and the jar travel with the checkout in .carry/.
#
#   scripts/bench/run_device.sh models            # build the full-size random models into /tmp/bench (background)
#   scripts/bench/run_device.sh status            # has the model build finished?
#   scripts/bench/run_device.sh run OUT_DIR       # Python and Java timings -> OUT_DIR/*.json[l]
#   scripts/bench/run_device.sh voices OUT_DIR    # voices only: build both models (foreground), Python and Java
#                                                 # alternately, 3 processes each at THREADS, 1 each at 1 thread
#   scripts/bench/run_device.sh nllb OUT_DIR      # NLLB only: build the model (foreground), then timings and memory
#   scripts/bench/run_device.sh arena OUT_DIR     # ONNX Runtime's CPU arena on vs off (NLLB int8, Kokoro, Piper)
#
# .carry/ (made by scripts/bench/make_carry.sh) holds: jre.tar.xz, stream-tts.jar (linux-x64 natives only),
# bench.jar (scripts/bench/*.java compiled against the jar). THREADS (default 16) sets the thread count.
set -euo pipefail
cd "$(dirname "$0")/../.."
stage=${1:?usage: run_device.sh models|status|run [OUT_DIR]}
work=/tmp/bench
threads=${THREADS:-16}
mkdir -p "$work"

case "$stage" in
models)
  setsid nohup bash -c "
    set -e
    python3 scripts/make_tiny_piper.py --size medium --out $work/piper > $work/piper.log 2>&1
    python3 scripts/make_tiny_kokoro.py --size full --out $work/kokoro > $work/kokoro.log 2>&1
    python3 scripts/export_nllb.py --full-size-random --out $work/nllb --int8 --save-torch > $work/nllb.log 2>&1
    touch $work/models.done" > "$work/models.log" 2>&1 &
  echo "building models in the background; check with: $0 status"
  ;;
status)
  ls -la "$work" "$work"/nllb 2>/dev/null | grep -v -E "^total|tmp" || true
  tail -n 3 "$work"/*.log 2>/dev/null | grep -v -i warn | cut -c1-200 || true
  [ -f "$work/models.done" ] && echo "MODELS DONE" || echo "still building"
  ;;
run)
  out=${2:?OUT_DIR}
  mkdir -p "$out" /tmp/jre
  [ -x /tmp/jre/jre/bin/java ] || tar -xJf .carry/jre.tar.xz -C /tmp/jre
  java="/tmp/jre/jre/bin/java -Doffline=true -XX:+UseSerialGC -cp .carry/stream-tts.jar:.carry/bench.jar"
  lscpu | grep -E "Model name|^CPU\(s\)" > "$out/cpu.txt" || true
  piper_ids=$(cat scripts/bench/piper_ids.txt)
  kokoro_ids=$(cat scripts/bench/kokoro_ids.txt)
  pm=$work/piper/$(ls $work/piper | grep -m1 '\.onnx$')
  km=$work/kokoro/$(ls $work/kokoro | grep -m1 'tokens.onnx$')
  kv=$work/kokoro/voices/$(ls $work/kokoro/voices | head -1)
  for t in 1 "$threads"; do
    python3 scripts/bench/bench_voice.py piper "$pm" --ids "$piper_ids" --threads $t | tee -a "$out/voice_python.jsonl"
    $java VoiceBench piper "$pm" "$piper_ids" $t | tee -a "$out/voice_java.jsonl"
    python3 scripts/bench/bench_voice.py kokoro "$km" --ids "$kokoro_ids" --voice "$kv" --threads $t | tee -a "$out/voice_python.jsonl"
    $java VoiceBench kokoro "$km" "$kokoro_ids" $t "$kv" | tee -a "$out/voice_java.jsonl"
  done
  $java NllbBench $work/nllb int8 "$threads" 10 | tee "$out/nllb_java_int8.json"
  $java NllbBench $work/nllb fp32 "$threads" 10 | tee "$out/nllb_java_fp32.json"
  python3 scripts/bench/bench_nllb.py --model-dir $work/nllb --threads "$threads" --runs 10 --out "$out/nllb_python.json"
  ;;
voices)
  out=${2:?OUT_DIR}
  mkdir -p "$out" /tmp/jre
  [ -x /tmp/jre/jre/bin/java ] || tar -xJf .carry/jre.tar.xz -C /tmp/jre
  [ -d $work/piper ] || python3 scripts/make_tiny_piper.py --size medium --out $work/piper > $work/piper.log 2>&1
  [ -d $work/kokoro ] || python3 scripts/make_tiny_kokoro.py --size full --out $work/kokoro > $work/kokoro.log 2>&1
  java="/tmp/jre/jre/bin/java -Doffline=true -XX:+UseSerialGC -cp .carry/stream-tts.jar:.carry/bench.jar"
  piper_ids=$(cat scripts/bench/piper_ids.txt)
  kokoro_ids=$(cat scripts/bench/kokoro_ids.txt)
  pm=$work/piper/$(ls $work/piper | grep -m1 '\.onnx$')
  km=$work/kokoro/$(ls $work/kokoro | grep -m1 'tokens.onnx$')
  kv=$work/kokoro/voices/$(ls $work/kokoro/voices | head -1)
  for t in "$threads" "$threads" "$threads" 1; do
    python3 scripts/bench/bench_voice.py piper "$pm" --ids "$piper_ids" --threads $t | tee -a "$out/voice_python.jsonl"
    $java VoiceBench piper "$pm" "$piper_ids" $t | tee -a "$out/voice_java.jsonl"
    python3 scripts/bench/bench_voice.py kokoro "$km" --ids "$kokoro_ids" --voice "$kv" --threads $t | tee -a "$out/voice_python.jsonl"
    $java VoiceBench kokoro "$km" "$kokoro_ids" $t "$kv" | tee -a "$out/voice_java.jsonl"
  done
  ;;
nllb)
  out=${2:?OUT_DIR}
  mkdir -p "$out" /tmp/jre
  [ -x /tmp/jre/jre/bin/java ] || tar -xJf .carry/jre.tar.xz -C /tmp/jre
  [ -f $work/nllb/encoder_model_quantized.onnx ] ||
    python3 scripts/export_nllb.py --full-size-random --out $work/nllb --int8 --save-torch > $work/nllb.log 2>&1
  java="/tmp/jre/jre/bin/java -Doffline=true -XX:+UseSerialGC -cp .carry/stream-tts.jar:.carry/bench.jar"
  step=dev.streamtts.translate.NllbStepBench
  lscpu | grep -E "Model name|^CPU\(s\)" > "$out/cpu.txt" || true
  python3 scripts/bench/bench_nllb.py --model-dir $work/nllb --threads "$threads" --runs 10 --out "$out/nllb_python.json"
  for p in int8 fp32; do
    python3 scripts/bench/bench_nllb.py --model-dir $work/nllb --threads "$threads" --runs 10 --only $p | tee "$out/nllb_python_$p.json"
    $java NllbBench $work/nllb $p "$threads" 10 | tee "$out/nllb_java_$p.json"
    $java $step $work/nllb $p "$threads" 10 | tee "$out/nllb_java_steps_$p.json"
  done
  MALLOC_ARENA_MAX=2 $java $step $work/nllb int8 "$threads" 10 | tee "$out/nllb_java_steps_int8_arena2.json"
  ;;
arena)
  # ONNX Runtime's CPU arena and memory patterns on (-Dstreamtts.onnx.arena=true) against off (the
  # default since the memory soak), alternately, same files, same process settings.
  out=${2:?OUT_DIR}
  mkdir -p "$out" /tmp/jre
  [ -x /tmp/jre/jre/bin/java ] || tar -xJf .carry/jre.tar.xz -C /tmp/jre
  [ -d $work/piper ] || python3 scripts/make_tiny_piper.py --size medium --out $work/piper > $work/piper.log 2>&1 &
  [ -d $work/kokoro ] || python3 scripts/make_tiny_kokoro.py --size full --out $work/kokoro > $work/kokoro.log 2>&1 &
  [ -f $work/nllb/encoder_model_quantized.onnx ] ||
    python3 scripts/export_nllb.py --full-size-random --out $work/nllb --int8 > $work/nllb.log 2>&1
  wait
  lscpu | grep -E "Model name|^CPU\(s\)" > "$out/cpu.txt" || true
  java="/tmp/jre/jre/bin/java -Doffline=true -XX:+UseSerialGC -cp .carry/stream-tts.jar:.carry/bench.jar"
  piper_ids=$(cat scripts/bench/piper_ids.txt)
  kokoro_ids=$(cat scripts/bench/kokoro_ids.txt)
  pm=$work/piper/$(ls $work/piper | grep -m1 '\.onnx$')
  km=$work/kokoro/$(ls $work/kokoro | grep -m1 'tokens.onnx$')
  kv=$work/kokoro/voices/$(ls $work/kokoro/voices | head -1)
  for round in 1 2 3; do
    for arena in false true; do
      $java -Dstreamtts.onnx.arena=$arena NllbBench $work/nllb int8 "$threads" 10 | sed "s/^/{\"arena\":$arena,\"r\":$round} /" | tee -a "$out/arena_nllb.txt"
      $java -Dstreamtts.onnx.arena=$arena VoiceBench kokoro "$km" "$kokoro_ids" "$threads" "$kv" | sed "s/^/{\"arena\":$arena} /" | tee -a "$out/arena_voice.txt"
      $java -Dstreamtts.onnx.arena=$arena VoiceBench piper "$pm" "$piper_ids" "$threads" | sed "s/^/{\"arena\":$arena} /" | tee -a "$out/arena_voice.txt"
    done
  done
  ;;
*)
  echo "unknown stage $stage" >&2; exit 2 ;;
esac
