#!/bin/sh
# Refits the judge shipped in src/main/resources/dev/podsift/insight/judge-model.json, from scratch:
#   train/judge.sh [CORPUS]          (CORPUS defaults to $PODSIFT_CORPUS, else ../shared/corpus)
# 1. ./podsift train --judge-data writes every judged passage as the judge sees it (Java: the same features,
#    neighbourhood and MiniLM embedding the extractor computes), from eval/verdicts/verdicts.jsonl (reader verdicts)
#    and eval/hero/labels.jsonl (the hero editor's judgements);
# 2. train/judge.py fits and writes the model (needs Debian's python3-numpy and python3-sklearn).
# Held-back episodes (eval/HeldBack.java) are never fitted on. The result is deterministic for the same data.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
corpus=${1:-${PODSIFT_CORPUS:-../shared/corpus}}
# Debian's packages live in the system Python, which another python3 on PATH (pyenv, a venv) may hide
py=
for p in ${PYTHON:-} python3 /usr/bin/python3; do
  if "$p" -c 'import numpy, sklearn' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || {
  echo "train/judge.sh needs python3-numpy and python3-sklearn: apt-get install python3-numpy python3-sklearn" >&2
  exit 1
}
data=$(mktemp -d)/judge-data.jsonl
./podsift train --corpus "$corpus" --judge-data "$data"
"$py" train/judge.py "$data" src/main/resources/dev/podsift/insight/judge-model.json --report
