#!/usr/bin/env python3
"""Scores the taste panel: each reader's verdicts on the unique passages of the simulated readers' last digests,
counted per pick sent, for the digests made with the readers' taste (picks/seedN-taste.json) and the same days
without it (picks/seedN-unmoved.json); agreement between the two readers."""
import json, os
D = os.path.dirname(os.path.abspath(__file__))
key = {k['text']: k['id'] for k in json.load(open(os.path.join(D, 'key.json')))}
judges = {j: {v['id']: v for v in json.load(open(os.path.join(D, 'judge_%s.json' % j)))} for j in 'AB'}
picks = {sysname: [] for sysname in ('taste', 'unmoved')}
for s in (1, 2, 3):
    for sysname in picks:
        for texts in json.load(open(os.path.join(D, 'picks', 'seed%d-%s.json' % (s, sysname)))).values():
            picks[sysname].extend(key[t] for t in texts)
for j, v in judges.items():
    for sysname, ids in picks.items():
        kept = sum(v[i]['keep'] for i in ids)
        print('reader %s, %-7s digests: %d of %d picks sent kept (%.1f%%), mean score %.2f' % (
            j, sysname, kept, len(ids), 100 * kept / len(ids), sum(v[i]['score'] for i in ids) / len(ids)))
    only = sorted(set(picks['taste']) - set(picks['unmoved']))
    shared = sorted(set(picks['unmoved']))
    print('reader %s: unique passages only in taste digests %d kept of %d; in the unmoved digests %d of %d' % (
        j, sum(v[i]['keep'] for i in only), len(only), sum(v[i]['keep'] for i in shared), len(shared)))
ids = sorted(judges['A'])
agree = sum(judges['A'][i]['keep'] == judges['B'][i]['keep'] for i in ids)
print('agreement on keep: %d of %d passages (%.0f%%)' % (agree, len(ids), 100 * agree / len(ids)))
