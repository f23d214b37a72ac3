#!/usr/bin/env bash
# ONNX Runtime's CPU arena and the allocator, side by side on the bench host (after run_device.sh arena
# built the full-size models in /tmp/bench). Variants:
#   A arena on, glibc as stream-tts settles it (mallopt: 2 arenas, fixed 128 KiB mmap threshold)
#   B arena off, glibc settled          C arena off, jemalloc (LD_PRELOAD .carry/libjemalloc.so.2)
#   D arena off, MALLOC_ARENA_MAX=2 only (stream-tts then leaves the mmap threshold alone)
#   E arena on, jemalloc                F arena on, MALLOC_ARENA_MAX=2 only
#   scripts/bench/arena_variants.sh "A B C D E F" ROUNDS
w=/tmp/bench; j="/tmp/jre/jre/bin/java -Doffline=true -XX:+UseSerialGC -cp .carry/stream-tts.jar:.carry/bench.jar"
pi=$(cat scripts/bench/piper_ids.txt); ki=$(cat scripts/bench/kokoro_ids.txt)
pm=$w/piper/$(ls $w/piper | grep -m1 '\.onnx$'); km=$w/kokoro/$(ls $w/kokoro | grep -m1 'tokens.onnx$'); kv=$w/kokoro/voices/$(ls $w/kokoro/voices | head -1)
variants=${1:-A B C D}; rounds=${2:-2}
for r in $(seq 1 "$rounds"); do for v in $variants; do
 case $v in
   A) pre="env"; a=true ;;                B) pre="env"; a=false ;;
   C) pre="env LD_PRELOAD=$PWD/.carry/libjemalloc.so.2"; a=false ;;
   D) pre="env MALLOC_ARENA_MAX=2"; a=false ;;
   E) pre="env LD_PRELOAD=$PWD/.carry/libjemalloc.so.2"; a=true ;;
   F) pre="env MALLOC_ARENA_MAX=2"; a=true ;;
 esac
 $pre $j -Dstreamtts.onnx.arena=$a VoiceBench kokoro "$km" "$ki" 16 "$kv" | sed "s/^/{\"v\":\"$v\"} /"
 $pre $j -Dstreamtts.onnx.arena=$a VoiceBench piper "$pm" "$pi" 16 | sed "s/^/{\"v\":\"$v\"} /"
 [ "$r" = 1 ] && $pre $j -Dstreamtts.onnx.arena=$a NllbBench $w/nllb int8 16 10 2>/dev/null | sed "s/^/{\"v\":\"$v\"} /"
done; done
