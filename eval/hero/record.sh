#!/bin/sh
# Records the hero measurement: each episode's workhorse top 5, the hero requests per episode, and one day's
# digest of all of them (workhorse, and its requests). Answer the requests in DAY/requests, then run replay.sh.
#   eval/hero/record.sh DAY      (DAY made by make_day.py; $PODSIFT, when set, is the build to run instead of
#                                ./podsift, e.g. "java -jar /tmp/base/target/podsift.jar" for an earlier commit's)
set -e
podsift=${PODSIFT:-./podsift}
day=$(cd "$1" && pwd)
mkdir -p "$day/workhorse" "$day/requests" "$day/day"
for f in "$day"/episodes/*.md; do
  slug=$(basename "$f" .md)
  $podsift extract "$f" --format json > "$day/workhorse/$slug.json"
  $podsift extract "$f" --format json --hero-record "$day/requests" > /dev/null
done
export PODSIFT_DATA="$day/day/data-record"
rm -rf "$PODSIFT_DATA"
feeds=""
for x in "$day"/feeds/*.xml; do feeds="$feeds --feed $x"; done
$podsift digest $feeds --since 2026-11-20 --format json --output "$day/day/workhorse.json" \
  --hero-record "$day/day/requests"
