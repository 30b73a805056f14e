#!/usr/bin/env bash
# Regenerates speech.opus from speech.txt (run once; the result is committed so tests need no espeak-ng).
# Needs Debian's espeak-ng (apt-get install espeak-ng) and the ffmpeg that Podsift unpacks into PODSIFT_DATA/bin
# (or any ffmpeg: FFMPEG=/path/to/ffmpeg). Voice and word gap chosen for the lowest error with Vosk's small model.
set -euo pipefail
cd "$(dirname "$0")"
ffmpeg="${FFMPEG:-ffmpeg}"
tmp="$(mktemp -d)"
espeak-ng -v en-us -s 150 -g 5 -f speech.txt -w "$tmp/speech.wav"
"$ffmpeg" -hide_banner -loglevel error -y -i "$tmp/speech.wav" -ac 1 -ar 16000 -c:a libopus -b:a 24k speech.opus
rm -rf "$tmp"
