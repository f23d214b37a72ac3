#!/usr/bin/env bash
# Downloads models by name (see 'scripts/stream-tts models list'); a thin wrapper around
# 'stream-tts models download'. With no names, downloads the defaults (translation and Japanese voice).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -eq 0 ]; then
  set -- nllb-200-distilled-600M kokoro-82m
fi
exec "$here/stream-tts" models download "$@"
