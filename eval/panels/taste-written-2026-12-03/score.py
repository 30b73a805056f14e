#!/usr/bin/env python3
"""Scores this panel: each reader's verdicts on the distinct passages of the simulated readers' last digests, counted
once per pick sent, for the three digests of the same days (picks/seedN-SYSTEM.json); agreement between the readers."""
import json, os
D = os.path.dirname(os.path.abspath(__file__))
key = {k['text']: k['id'] for k in json.load(open(os.path.join(D, 'key.json')))}
judges = {j: {v['id']: v for v in json.load(open(os.path.join(D, 'judge_%s.json' % j)))} for j in 'AB'}
systems = ('written', 'model', 'unmoved')
picks = {s: [] for s in systems}
for seed in (1, 2, 3):
    for s in systems:
        for texts in json.load(open(os.path.join(D, 'picks', 'seed%d-%s.json' % (seed, s)))).values():
            picks[s].extend(key[t] for t in texts)
for j, v in judges.items():
    for s in systems:
        ids = picks[s]
        kept = sum(v[i]['keep'] for i in ids)
        print('reader %s, %-7s digests: %d of %d picks sent kept (%.1f%%), mean score %.2f, %d distinct passages' % (
            j, s, kept, len(ids), 100 * kept / len(ids), sum(v[i]['score'] for i in ids) / len(ids), len(set(ids))))
ids = sorted(judges['A'])
agree = sum(judges['A'][i]['keep'] == judges['B'][i]['keep'] for i in ids)
print('agreement on keep: %d of %d passages (%.0f%%)' % (agree, len(ids), 100 * agree / len(ids)))
