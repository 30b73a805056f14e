#!/usr/bin/env python3
"""Scores a before/after panel: each unique passage was judged once per reader; a system's keep rate is over its
own picks (a passage both systems picked counts for both).

  score_panel.py DIR   reads DIR/key.json and DIR/judge_*.json; prints each system's keep rate per reader (overall
                       and per show), the readers' agreement, reasons for rejection, and the same-point pairs the
                       list judges found (DIR/dups_*.json over DIR/lists_key.json)
"""
import collections, glob, json, os, sys
here = sys.argv[1]
key = {i['id']: i for i in json.load(open(os.path.join(here, 'key.json')))}
judges = {os.path.basename(f)[6:-5]: {j['id']: j for j in json.load(open(f))}
          for f in sorted(glob.glob(os.path.join(here, 'judge_*.json')))}
for s in ('before', 'after'):
    ids = [i for i in key if s in key[i]['systems']]
    parts = []
    for jn, J in judges.items():
        kept = sum(1 for i in ids if J[i]['keep'])
        parts.append('%s %d/%d (%.2f) mean %.2f' % (jn, kept, len(ids), kept / len(ids),
                                                     sum(J[i]['score'] for i in ids) / len(ids)))
    print('%-7s %s' % (s, ' | '.join(parts)))
    for show, prefix in (('Lenny', ''), ('Changelog', 'the-changelog')):
        sub = [i for i in ids if key[i]['episode'].startswith('the-changelog') == (show == 'Changelog')]
        print('   %-10s %s' % (show, ' | '.join('%s %d/%d' % (jn, sum(1 for i in sub if J[i]['keep']), len(sub))
                                               for jn, J in judges.items())))
    c = collections.Counter(J[i]['reason'].split()[0].strip(':,;').lower() for J in judges.values() for i in ids
                            if not J[i]['keep'])
    print('   rejects: ' + ', '.join('%s %d' % kv for kv in c.most_common(6)))
if len(judges) >= 2:
    a, b = list(judges.values())[:2]
    print('agreement on keep %d/%d unique passages' % (sum(a[i]['keep'] == b[i]['keep'] for i in key), len(key)))
lists = {l['id']: l for l in json.load(open(os.path.join(here, 'lists_key.json')))}
dups = {os.path.basename(f)[5:-5]: {d['id']: d for d in json.load(open(f))}
        for f in sorted(glob.glob(os.path.join(here, 'dups_*.json')))}
for s in ('before', 'after'):
    ids = [l for l in lists if lists[l]['sys'] == s]
    print('%-7s same-point pairs per top 5: %s' % (s, ' | '.join(
        '%s %d over %d lists' % (dn, sum(len(D[l]['pairs']) for l in ids), len(ids)) for dn, D in dups.items())))
