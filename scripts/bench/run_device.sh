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
#   scripts/bench/run_device.sh shortlist OUT_DIR # NLLB output shortlist: full and cut decoders side by side in one
#                                                 # process (NllbStepBench --shortlist), per precision (PRECISIONS,
#                                                 # default "int8 fp32"); SHORTLIST (default 40000,90000): sizes K
#   scripts/bench/run_device.sh arena OUT_DIR     # ONNX Runtime's CPU arena on vs off (NLLB int8, Kokoro, Piper)
#   scripts/bench/run_device.sh shrink OUT_DIR    # arena shrinkage after each run on vs off (the same three)
#   scripts/bench/run_device.sh e2e OUT_DIR       # time to first audio through the real pipeline (E2eBench via
#                                                 # e2e.sh) at THREADS (default "16 4"): ja, en, de; needs soak.jar
#   scripts/bench/run_device.sh soak OUT_DIR N RATE  # scripts/soak/soak on the full-size models, N sentences,
#                                                 # en -> ja (NLLB int8 + Kokoro), in the background; OUT_DIR/soak.done
#                                                 # when it ends. Needs .carry/soak.jar and .carry/dictionary.tar.xz
#                                                 # (make_carry.sh --soak), a JRE with java.desktop in .carry/jre/.
#
# .carry/ (made by scripts/bench/make_carry.sh) holds: jre.tar.xz, stream-tts.jar (linux-x64 natives only),
# bench.jar (scripts/bench/*.java compiled against the jar). THREADS (default 16) sets the thread count.
set -euo pipefail
cd "$(dirname "$0")/../.."
stage=${1:?usage: run_device.sh models|status|run [OUT_DIR]}
work=/tmp/bench
threads=${THREADS:-16}
mkdir -p "$work"
# What each call carried stays in /tmp/carry, and is put back into .carry/ when a later call lacks it
# (the carry limit splits the JRE, the jar and the dictionary over several calls).
mkdir -p /tmp/carry .carry
for f in .carry/*.jar .carry/*.so* .carry/*.tar.xz; do [ -f "$f" ] && cp -f "$f" /tmp/carry/; done
[ -f .carry/jre/jre.tar.xz ] && mkdir -p /tmp/carry/jre && cp -f .carry/jre/jre.tar.xz /tmp/carry/jre/
for f in /tmp/carry/*; do [ -f "$f" ] && [ ! -e ".carry/$(basename "$f")" ] && cp "$f" .carry/; done
[ -f /tmp/carry/jre/jre.tar.xz ] && [ ! -f .carry/jre/jre.tar.xz ] && mkdir -p .carry/jre && cp /tmp/carry/jre/jre.tar.xz .carry/jre/

# The three full-size models, built in parallel where missing (NLLB takes ~4 min, Kokoro ~1.5). PIN=1 keeps
# NLLB's export on CPUs 0-3 and the voices on 4-15, so voice benchmarks can run on 4-15 meanwhile.
build_models() {
  local a="" b=""; [ "${PIN:-}" = 1 ] && { a="taskset -c 0-3"; b="taskset -c 4-15"; }
  [ -d $work/piper ] || { $b python3 scripts/make_tiny_piper.py --size medium --out $work/piper > $work/piper.log 2>&1 && touch $work/piper.done; } &
  [ -d $work/kokoro ] || { $b python3 scripts/make_bench_kokoro.py --out $work/kokoro > $work/kokoro.log 2>&1 && touch $work/kokoro.done; } &
  [ -f $work/nllb/encoder_model_quantized.onnx ] ||
    $a python3 scripts/export_nllb.py --full-size-random --out $work/nllb --int8 --save-torch > $work/nllb.log 2>&1
  wait
}

# Waits up to 10 minutes for a marker file of the background build.
await() {
  for i in $(seq 600); do [ -f "$1" ] && return 0; sleep 1; done
  echo "timed out waiting for $1" >&2; return 1
}

# The whole program's jar: .carry/soak.jar with the Japanese dictionary put back (stored, as the build has it).
full_jar() {
  mkdir -p target
  [ -f target/stream-tts.jar ] && return
  mkdir -p /tmp/dictionary && tar -xJf .carry/dictionary.tar.xz -C /tmp/dictionary
  cp .carry/soak.jar target/stream-tts.jar.part
  python3 - target/stream-tts.jar.part /tmp/dictionary <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "a", zipfile.ZIP_STORED) as z:
    for root, _, files in os.walk(sys.argv[2]):
        for f in files:
            p = os.path.join(root, f)
            z.write(p, os.path.relpath(p, sys.argv[2]))
PY
  mv target/stream-tts.jar.part target/stream-tts.jar
  touch target/stream-tts.jar  # newer than the sources: the launcher must not try to build it
}

# espeak-ng (library, its dependencies, English and German data) from .carry/espeak.tar.xz, for Piper.
espeak() {
  [ -d /tmp/espeak ] || { mkdir -p /tmp/espeak && tar -xJf .carry/espeak.tar.xz -C /tmp/espeak; }
  export LD_LIBRARY_PATH=/tmp/espeak/lib ESPEAK_DATA_PATH=/tmp/espeak/data
}

# The voice benchmarks' inputs: phoneme ids, and the built Piper and Kokoro models and a Kokoro voice.
voice_inputs() {
  piper_ids=$(cat scripts/bench/piper_ids.txt)
  kokoro_ids=$(cat scripts/bench/kokoro_ids.txt)
  pm=$work/piper/$(ls $work/piper | grep -m1 '\.onnx$')
  km=$work/kokoro/$(ls $work/kokoro | grep -m1 'tokens.onnx$')
  kv=$work/kokoro/voices/$(ls $work/kokoro/voices | head -1)
}

# Unpacks the first carried JRE into /tmp/jre (the one in .carry/jre/ has java.desktop, which the program needs).
unpack_jre() {
  mkdir -p /tmp/jre
  [ -x /tmp/jre/jre/bin/java ] && return
  if [ -f .carry/jre/jre.tar.xz ]; then tar -xJf .carry/jre/jre.tar.xz -C /tmp/jre; else tar -xJf .carry/jre.tar.xz -C /tmp/jre; fi
}

case "$stage" in
models)
  unpack_jre
  setsid nohup bash -c "$(declare -f build_models); work=$work; build_models; touch $work/models.done" \
    > "$work/models.log" 2>&1 < /dev/null &
  echo "building models in the background; check with: $0 status"
  ;;
status)
  ls -la "$work" "$work"/nllb 2>/dev/null | grep -v -E "^total|tmp" || true
  tail -n 3 "$work"/*.log 2>/dev/null | grep -v -i warn | cut -c1-200 || true
  [ -f "$work/models.done" ] && echo "MODELS DONE" || echo "still building"
  ;;
run)
  out=${2:?OUT_DIR}
  mkdir -p "$out"
  unpack_jre
  java="/tmp/jre/jre/bin/java -Doffline=true -XX:+UseSerialGC -cp .carry/stream-tts.jar:.carry/bench.jar"
  lscpu | grep -E "Model name|^CPU\(s\)" > "$out/cpu.txt" || true
  voice_inputs
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
  mkdir -p "$out"
  unpack_jre
  [ -d $work/piper ] || python3 scripts/make_tiny_piper.py --size medium --out $work/piper > $work/piper.log 2>&1
  [ -d $work/kokoro ] || python3 scripts/make_bench_kokoro.py --out $work/kokoro > $work/kokoro.log 2>&1
  java="/tmp/jre/jre/bin/java -Doffline=true -XX:+UseSerialGC -cp .carry/stream-tts.jar:.carry/bench.jar"
  voice_inputs
  for t in "$threads" "$threads" "$threads" 1; do
    python3 scripts/bench/bench_voice.py piper "$pm" --ids "$piper_ids" --threads $t | tee -a "$out/voice_python.jsonl"
    $java VoiceBench piper "$pm" "$piper_ids" $t | tee -a "$out/voice_java.jsonl"
    python3 scripts/bench/bench_voice.py kokoro "$km" --ids "$kokoro_ids" --voice "$kv" --threads $t | tee -a "$out/voice_python.jsonl"
    $java VoiceBench kokoro "$km" "$kokoro_ids" $t "$kv" | tee -a "$out/voice_java.jsonl"
  done
  ;;
nllb)
  out=${2:?OUT_DIR}
  mkdir -p "$out"
  unpack_jre
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
shortlist)
  # Step and sentence times with the decoder's logits cut to K tokens against the full 256,206, in turns in
  # one process, and whether the kept logits are the full model's bit for bit. The random export has a
  # synthetic vocabulary (no scripts), so the shortlists are K ids at random plus the specials.
  out=${2:?OUT_DIR}
  mkdir -p "$out"
  unpack_jre
  [ -f $work/nllb/encoder_model_quantized.onnx ] ||
    python3 scripts/export_nllb.py --full-size-random --out $work/nllb --int8 > $work/nllb.log 2>&1
  ls -la $work/nllb > "$out/nllb_files.txt"
  lscpu | grep -E "Model name|^CPU\(s\)" > "$out/cpu.txt" || true
  java="/tmp/jre/jre/bin/java -Doffline=true -XX:+UseSerialGC -cp .carry/stream-tts.jar:.carry/bench.jar"
  for p in ${PRECISIONS:-int8 fp32}; do
    $java dev.streamtts.translate.NllbStepBench $work/nllb $p "$threads" 10 --shortlist "${SHORTLIST:-40000,90000}" \
      2> "$out/shortlist_$p.log" | tee "$out/shortlist_$p.jsonl"
  done
  ;;
arena)
  # ONNX Runtime's CPU arena and memory patterns on (-Dstreamtts.onnx.arena=true) against off (the
  # default since the memory soak), alternately, same files, same process settings.
  out=${2:?OUT_DIR}
  mkdir -p "$out" /tmp/jre
  unpack_jre
  build_models
  lscpu | grep -E "Model name|^CPU\(s\)" > "$out/cpu.txt" || true
  java="/tmp/jre/jre/bin/java -Doffline=true -XX:+UseSerialGC -cp .carry/stream-tts.jar:.carry/bench.jar"
  voice_inputs
  for round in 1 2 3; do
    for arena in false true; do
      $java -Dstreamtts.onnx.arena=$arena NllbBench $work/nllb int8 "$threads" 10 | sed "s/^/{\"arena\":$arena,\"r\":$round} /" | tee -a "$out/arena_nllb.txt"
      $java -Dstreamtts.onnx.arena=$arena VoiceBench kokoro "$km" "$kokoro_ids" "$threads" "$kv" | sed "s/^/{\"arena\":$arena} /" | tee -a "$out/arena_voice.txt"
      $java -Dstreamtts.onnx.arena=$arena VoiceBench piper "$pm" "$piper_ids" "$threads" | sed "s/^/{\"arena\":$arena} /" | tee -a "$out/arena_voice.txt"
    done
  done
  ;;
shrink)
  # memory.enable_memory_arena_shrinkage after every run (-Dstreamtts.onnx.shrink=true) against the
  # default, alternately, same files, same process settings. Uses whichever jar carries the classes.
  out=${2:?OUT_DIR}
  mkdir -p "$out"
  unpack_jre
  build_models
  lscpu | grep -E "Model name|^CPU\(s\)" > "$out/cpu.txt" || true
  jar=.carry/stream-tts.jar; [ -f $jar ] || jar=.carry/soak.jar
  java="/tmp/jre/jre/bin/java -Doffline=true -XX:+UseSerialGC -cp $jar:.carry/bench.jar"
  voice_inputs
  for round in 1 2; do
    for shrink in false true; do
      $java -Dstreamtts.onnx.trim_ms=$( [ $shrink = true ] && echo 0 || echo 999999999) NllbBench $work/nllb int8 "$threads" 10 2>/dev/null | sed "s/^/{\"shrink\":$shrink,\"r\":$round} /" | tee -a "$out/shrink.txt"
      $java -Dstreamtts.onnx.trim_ms=$( [ $shrink = true ] && echo 0 || echo 999999999) VoiceBench kokoro "$km" "$kokoro_ids" "$threads" "$kv" | sed "s/^/{\"shrink\":$shrink,\"r\":$round} /" | tee -a "$out/shrink.txt"
      $java -Dstreamtts.onnx.trim_ms=$( [ $shrink = true ] && echo 0 || echo 999999999) VoiceBench piper "$pm" "$piper_ids" "$threads" | sed "s/^/{\"shrink\":$shrink,\"r\":$round} /" | tee -a "$out/shrink.txt"
    done
  done
  ;;
soak)
  out=${2:?OUT_DIR}; n=${3:-1000}; rate=${4:-1}
  mkdir -p "$out" target
  unpack_jre
  full_jar
  mkdir -p /tmp/soakmodels/piper
  ln -sfn $work/nllb /tmp/soakmodels/nllb-tiny
  ln -sfn $work/kokoro /tmp/soakmodels/kokoro-tiny
  # max_length 26: 24 tokens a sentence, as the benchmarks (random weights never end by themselves)
  printf 'translate:\n  precision: int8\n  max_length: 26\nonnx:\n  threads: %s\n' "${SOAK_THREADS:-0}" > "$out/full.yaml"
  lscpu | grep -E "Model name|^CPU\(s\)" > "$out/cpu.txt" || true
  # SOAK_JAVA_OPTS: JVM options for stream-tts (e.g. -Dstreamtts.onnx.shrink=true); SOAK_THREADS: onnx.threads.
  setsid nohup bash -c "[ -f $work/models.done ] || { for i in \$(seq 600); do [ -f $work/models.done ] && break; sleep 1; done; }
    env JAVA=/tmp/jre/jre/bin/java LD_PRELOAD=$PWD/.carry/libjemalloc.so.2 STREAM_TTS_JAVA_OPTS='${SOAK_JAVA_OPTS:-}' \
    scripts/soak/soak --sentences "$n" --rate "$rate" --warmup 0.2 --models /tmp/soakmodels \
    --config $out/full.yaml --keep $out > $out/soak.out 2>&1 < /dev/null
    echo \$? > $out/soak.rc; touch $out/soak.done" > /dev/null 2>&1 < /dev/null &
  echo "soak started: $out/soak.out"
  ;;
prep)
  # First call of a session: the JRE (with java.desktop), espeak-ng, and the models built in the background,
  # pinned (NLLB on CPUs 0-3, the voices on 4-15). Then: precision, nllbcmp, loadtime, e2e, soak.
  [ -f .carry/jre/jre.tar.xz ] && unpack_jre
  setsid nohup bash -c "$(declare -f build_models); work=$work; PIN=1; build_models; touch $work/models.done" \
    > "$work/models.log" 2>&1 < /dev/null &
  echo "building models in the background"
  ;;
precision)
  # Kokoro fp32 against the same graph dynamically quantized to int8 (as kokoro-onnx made its int8 file),
  # Java and Python alternately, on CPUs 4-15 at THREADS (default 8) while NLLB builds on 0-3.
  out=${2:?OUT_DIR}; mkdir -p "$out"; unpack_jre
  await $work/kokoro.done
  t=${THREADS_P:-8}
  km=$work/kokoro/$(ls $work/kokoro | grep -m1 'tokens.onnx$'); kv=$work/kokoro/voices/$(ls $work/kokoro/voices | head -1)
  kq=$work/kokoro-int8.onnx
  [ -f $kq ] || python3 -c "from onnxruntime.quantization import quantize_dynamic, QuantType; quantize_dynamic('$km', '$kq', weight_type=QuantType.QUInt8)" > $out/quantize.log 2>&1
  ls -la $km $kq > $out/files.txt
  kokoro_ids=$(cat scripts/bench/kokoro_ids.txt)
  java="taskset -c 4-15 /tmp/jre/jre/bin/java -Doffline=true -XX:+UseSerialGC -cp .carry/soak.jar:.carry/bench.jar"
  for r in 1 2; do
    $java VoiceBench kokoro "$km" "$kokoro_ids" $t "$kv" | sed "s/^/{\"p\":\"fp32\",\"lang\":\"java\"} /" | tee -a $out/precision.txt
    taskset -c 4-15 python3 scripts/bench/bench_voice.py kokoro "$km" --ids "$kokoro_ids" --voice "$kv" --threads $t | sed "s/^/{\"p\":\"fp32\",\"lang\":\"python\"} /" | tee -a $out/precision.txt
    await $work/piper.done
    pm=$work/piper/$(ls $work/piper | grep -m1 '\.onnx$'); piper_ids=$(cat scripts/bench/piper_ids.txt)
    $java VoiceBench piper "$pm" "$piper_ids" $t | sed "s/^/{\"p\":\"piper\",\"lang\":\"java\"} /" | tee -a $out/precision.txt
    taskset -c 4-15 python3 scripts/bench/bench_voice.py piper "$pm" --ids "$piper_ids" --threads $t | sed "s/^/{\"p\":\"piper\",\"lang\":\"python\"} /" | tee -a $out/precision.txt
    [ $r = 1 ] || continue
    $java -Druns=3 VoiceBench kokoro "$kq" "$kokoro_ids" $t "$kv" | sed "s/^/{\"p\":\"int8\",\"lang\":\"java\"} /" | tee -a $out/precision.txt
    taskset -c 4-15 python3 scripts/bench/bench_voice.py kokoro "$kq" --ids "$kokoro_ids" --voice "$kv" --threads $t --runs 3 | sed "s/^/{\"p\":\"int8\",\"lang\":\"python\"} /" | tee -a $out/precision.txt
  done
  ;;
nllbcmp)
  # The product's translator (NllbBench) against a Python onnxruntime loop over the same int8 files,
  # alternately, ROUNDS (default 3) processes each at CMP_THREADS (default 16, 8 and 4), in the product's
  # native environment (TOKENIZERS_PARALLELISM=false); each round also NllbBench with glibc malloc's
  # defaults (MALLOC_ARENA_MAX set, so stream-tts leaves malloc alone: onnx/GlibcMalloc) at GLIBC_THREADS
  # (default 4 and 16). Then the step
  # loop on the product's classes (NllbStepBench) and a CPU profile, at the last of CMP_THREADS.
  out=${2:?OUT_DIR}; mkdir -p "$out"; unpack_jre; full_jar
  await $work/models.done
  lscpu | grep -E "Model name|^CPU\(s\)" > "$out/cpu.txt" || true
  java="env TOKENIZERS_PARALLELISM=false ORT_DISABLE_TELEMETRY=1 /tmp/jre/jre/bin/java -Doffline=true -XX:+UseSerialGC -cp target/stream-tts.jar:.carry/bench.jar"
  for r in $(seq ${ROUNDS:-3}); do
    for t in ${CMP_THREADS:-16 8 4}; do
      python3 scripts/bench/bench_nllb.py --model-dir $work/nllb --threads $t --runs 10 --only int8 | sed "s/^/{\"r\":$r,\"t\":$t,\"who\":\"python\"} /" | tee -a $out/nllbcmp.txt
      $java NllbBench $work/nllb int8 $t 10 2>/dev/null | sed "s/^/{\"r\":$r,\"t\":$t,\"who\":\"java\"} /" | tee -a $out/nllbcmp.txt
      case " ${GLIBC_THREADS:-4 16} " in *" $t "*) ;; *) continue ;; esac
      MALLOC_ARENA_MAX=128 $java NllbBench $work/nllb int8 $t 10 2>/dev/null | sed "s/^/{\"r\":$r,\"t\":$t,\"who\":\"java-glibc-defaults\"} /" | tee -a $out/nllbcmp.txt
    done
  done
  t=${CMP_THREADS##* }
  $java dev.streamtts.translate.NllbStepBench $work/nllb int8 $t 10 2>/dev/null | sed "s/^/{\"t\":$t,\"who\":\"java-steps\"} /" | tee -a $out/nllbcmp.txt
  python3 scripts/bench/bench_nllb.py --model-dir $work/nllb --threads $t --runs 10 --only int8 | sed "s/^/{\"t\":$t,\"who\":\"python\"} /" | tee -a $out/nllbcmp.txt
  $java -agentpath:$PWD/.carry/libasyncProfiler.so=start,event=cpu,interval=1ms,threads,collapsed,file=$out/nllb$t.collapsed \
    NllbBench $work/nllb int8 $t 10 2>&1 | tail -n 3 | tee -a $out/nllbcmp.txt
  ;;
loadtime)
  # LOAD=voices: Kokoro and Piper only (they are built first; NLLB may still be building on CPUs 0-3)
  out=${2:?OUT_DIR}; mkdir -p "$out"; unpack_jre; full_jar
  java="/tmp/jre/jre/bin/java -Doffline=true -XX:+UseSerialGC -cp target/stream-tts.jar:.carry/bench.jar"
  if [ "${LOAD:-all}" = voices ]; then
    await $work/kokoro.done; await $work/piper.done; java="taskset -c 4-15 $java"
  else
    await $work/models.done
  fi
  pm=$work/piper/$(ls $work/piper | grep -m1 '\.onnx$'); km=$work/kokoro/$(ls $work/kokoro | grep -m1 'tokens.onnx$')
  models=("$km" "$pm")
  [ "${LOAD:-all}" = voices ] || models=($work/nllb/encoder_model_quantized.onnx $work/nllb/decoder_model_merged_quantized.onnx "${models[@]}")
  $java LoadBench ${THREADS:-16} ${LOAD_ROUNDS:-3} "${models[@]}" | tee -a $out/loadtime.txt
  ;;
e2e)
  out=${2:?OUT_DIR}
  mkdir -p "$out"
  unpack_jre
  await $work/${E2E_AWAIT:-models.done}  # E2E_AWAIT=kokoro.done: runs of the voices alone need no NLLB
  full_jar; espeak; jar=target/stream-tts.jar
  lscpu | grep -E "Model name|^CPU\(s\)" > "$out/cpu.txt" || true
  mkdir -p /tmp/e2e-models/piper
  ln -sfn $work/kokoro /tmp/e2e-models/kokoro
  pv=$(ls $work/piper | grep -m1 '\.onnx$' || true)
  if [ -n "$pv" ]; then
    cp -f $work/piper/$pv* /tmp/e2e-models/piper/
    # the same medium voice again, as German: what a de_DE voice costs (NLLB's output is German then)
    python3 - "$work/piper/$pv.json" /tmp/e2e-models/piper/de_DE-random_bench-medium.onnx.json <<'PY'
import json, sys
c = json.load(open(sys.argv[1])); c.setdefault("espeak", {})["voice"] = "de"; c["language"] = {"code": "de_DE"}
json.dump(c, open(sys.argv[2], "w"))
PY
    ln -sfn $work/piper/$pv /tmp/e2e-models/piper/de_DE-random_bench-medium.onnx
  fi
  # MAX_LENGTH 26: the decoder start, the language and 24 tokens (random weights never end by themselves)
  TOKENIZERS_PARALLELISM=false ORT_DISABLE_TELEMETRY=1 MAX_LENGTH=${MAX_LENGTH:-26} \
  JAVA=/tmp/jre/jre/bin/java CP="$jar:.carry/bench.jar" MODELS=/tmp/e2e-models NLLB=$work/nllb \
    PIPER_VOICE=${pv%.onnx} PIPER_DE_VOICE=de_DE-random_bench-medium THREADS="${THREADS_LIST:-16 4}" \
    scripts/bench/e2e.sh "$out"
  ;;
*)
  echo "unknown stage $stage" >&2; exit 2 ;;
esac
