#!/bin/sh
# Replays the hero measurement on answered requests: each episode's hero top 5 (extract --hero) and the day's
# digest with the hero (same data folder the recording made, --since so it is a re-run).
#   eval/hero/replay.sh DAY ANSWERS     ANSWERS: a folder of <key>.answer.json files
set -e
podsift=${PODSIFT:-./podsift}
day=$(cd "$1" && pwd)
cp "$2"/*.answer.json "$day/requests/"
cp "$2"/*.answer.json "$day/day/requests/"
mkdir -p "$day/hero"
export PODSIFT_LLM_PROVIDER=replay
for f in "$day"/episodes/*.md; do
  slug=$(basename "$f" .md)
  PODSIFT_LLM_REPLAY_DIR="$day/requests" $podsift extract "$f" --format json --hero > "$day/hero/$slug.json" \
    2> "$day/hero/$slug.log"
done
feeds=""
for x in "$day"/feeds/*.xml; do feeds="$feeds --feed $x"; done
PODSIFT_DATA="$day/day/data-record" PODSIFT_LLM_REPLAY_DIR="$day/day/requests" $podsift digest $feeds \
  --since 2026-11-20 --format json --output "$day/day/hero.json" 2> "$day/day/hero.log"
