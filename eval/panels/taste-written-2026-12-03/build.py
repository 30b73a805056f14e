#!/usr/bin/env python3
"""Builds the blind items of this panel: every distinct passage of the simulated readers' last digests (picks/), with
the episode it comes from (the bundled verdict base), shuffled; items_A.json in one order, items_B.json in the
reverse; key.json maps ids to texts. Readers get only an items file and RUBRIC.md."""
import glob, gzip, json, os, random
D = os.path.dirname(os.path.abspath(__file__))
base = os.path.join(D, '..', '..', '..', 'src', 'main', 'resources', 'dev', 'podsift', 'learn', 'verdict-base.jsonl.gz')
episode = {}
for line in gzip.open(base, 'rt'):
    r = json.loads(line)
    episode[r['text']] = '%s · %s' % (r['show'], os.path.basename(r['transcript']).rsplit('.', 1)[0])
texts = set()
for f in sorted(glob.glob(os.path.join(D, 'picks', '*.json'))):
    for picks in json.load(open(f)).values():
        texts.update(picks)
items = sorted(texts)
random.seed(20261204)
random.shuffle(items)
key = [{'id': 'P%03d' % k, 'episode': episode[t], 'text': t} for k, t in enumerate(items)]
json.dump(key, open(os.path.join(D, 'key.json'), 'w'), indent=1)
json.dump(key, open(os.path.join(D, 'items_A.json'), 'w'), indent=1)
json.dump(key[::-1], open(os.path.join(D, 'items_B.json'), 'w'), indent=1)
print(len(key), 'passages')
