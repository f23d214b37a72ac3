#!/usr/bin/env bash
# Packs what run_device.sh needs on a Linux x86-64 host without Java into .carry/ (git-ignored, < 64 MiB):
#   jre.tar.xz      a jlink runtime (no desktop modules: the benchmarks play nothing)
#   stream-tts.jar  the shaded jar with only the linux-x64 natives, and without the Japanese dictionary
#                   and ICU's locale, collation and dictionary data (the benchmarks use neither)
#   bench.jar       scripts/bench/*.java compiled against it
#
#   scripts/bench/make_carry.sh        (needs a JDK 17+ with jlink, and zip)
#
# With --soak, for run_device.sh soak (the whole program on the bench host) instead:
#   jre/jre.tar.xz         a jlink runtime with java.desktop (the program's audio classes)
#   soak.jar               the shaded jar, linux-x64 natives only, all of ICU, no Japanese dictionary
#   dictionary.tar.xz      the Japanese dictionary, xz -9 (25 MB instead of 49 MB in the jar), carried
#                          in a call of its own while the host is warm: the three do not fit one carry
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .carry
[ -f target/stream-tts.jar ] || ./mvnw -q -B package -DskipTests

if [ "${1:-}" = --soak ]; then
  if [ ! -f .carry/jre/jre.tar.xz ]; then
    tmp=$(mktemp -d)
    jlink --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,jdk.unsupported \
      --strip-debug --no-header-files --no-man-pages --output "$tmp/jre"
    mkdir -p .carry/jre && tar -cJf .carry/jre/jre.tar.xz -C "$tmp" jre
    rm -rf "$tmp"
  fi
  cp target/stream-tts.jar .carry/soak.jar
  zip -q -d .carry/soak.jar 'ai/onnxruntime/native/linux-aarch64/*' 'ai/onnxruntime/native/osx-aarch64/*' \
    'ai/onnxruntime/native/win-x64/*' 'native/lib/linux-aarch64/*' 'native/lib/osx-aarch64/*' \
    'native/lib/win-x86_64/*' 'com/atilika/*' >/dev/null
  zip -q -d .carry/soak.jar $(unzip -Z1 .carry/soak.jar | grep -E '^com/sun/jna/[^/]+/.+' |
    grep -v '^com/sun/jna/linux-x86-64/' | grep -E '\.(so|a|jnilib|dll)$') >/dev/null
  if [ ! -f .carry/dictionary.tar.xz ]; then
    tmp=$(mktemp -d)
    (cd "$tmp" && unzip -q "$OLDPWD/target/stream-tts.jar" 'com/atilika/*' && tar -cf - com | xz -9e -T0) \
      > .carry/dictionary.tar.xz
    rm -rf "$tmp"
  fi
  cp /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 .carry/ 2>/dev/null || true
  du -ch .carry/jre/jre.tar.xz .carry/soak.jar .carry/dictionary.tar.xz | tail -n 1
  exit 0
fi

if [ ! -f .carry/jre.tar.xz ]; then
  tmp=$(mktemp -d)
  jlink --add-modules java.base,java.logging,java.management,java.naming,java.net.http,java.sql,jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --output "$tmp/jre"
  tar -cJf .carry/jre.tar.xz -C "$tmp" jre
  rm -rf "$tmp"
fi

cp target/stream-tts.jar .carry/stream-tts.jar
zip -q -d .carry/stream-tts.jar \
  'ai/onnxruntime/native/linux-aarch64/*' 'ai/onnxruntime/native/osx-aarch64/*' 'ai/onnxruntime/native/win-x64/*' \
  'native/lib/linux-aarch64/*' 'native/lib/osx-aarch64/*' 'native/lib/win-x86_64/*' \
  'com/atilika/*' 'com/ibm/icu/impl/data/icudata/curr/*' 'com/ibm/icu/impl/data/icudata/zone/*' \
  'com/ibm/icu/impl/data/icudata/region/*' 'com/ibm/icu/impl/data/icudata/lang/*' \
  'com/ibm/icu/impl/data/icudata/unit/*' 'com/ibm/icu/impl/data/icudata/coll/*' \
  'com/ibm/icu/impl/data/icudata/rbnf/*' 'com/ibm/icu/impl/data/icudata/brkitr/*dict.dict' \
  'com/ibm/icu/impl/data/icudata/translit/*' >/dev/null
# JNA ships natives for a dozen platforms; keep linux-x86-64 only.
zip -q -d .carry/stream-tts.jar $(unzip -Z1 .carry/stream-tts.jar | grep -E '^com/sun/jna/[^/]+/.+' |
  grep -v '^com/sun/jna/linux-x86-64/' | grep -E '\.(so|a|jnilib|dll)$') >/dev/null

classes=$(mktemp -d)
javac -d "$classes" -cp target/stream-tts.jar scripts/bench/*.java
(cd "$classes" && jar cf "$OLDPWD/.carry/bench.jar" .)
rm -rf "$classes"
du -ch .carry/* | tail -n 1
