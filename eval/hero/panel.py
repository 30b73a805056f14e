#!/usr/bin/env python3
"""The hero measurement's blind panel.

  panel.py build DAY OUT [SYSTEMS]   (SYSTEMS: the per-episode ones, default workhorse,hero) every unique text of the workhorse's and the hero's top 5 (per episode, and the day's
                           digest) → OUT/key.json (text, episode, which systems picked it), OUT/items_A.json and
                           OUT/items_B.json (ids, episode slug and text only, shuffled; B is A reversed).
                           DAY may be NAME=DIR,NAME=DIR (two builds' recordings of the same day): each system is
                           then named NAME-system (before-workhorse, after-day-hero, ...)
  panel.py score OUT       keep rates per system and reader (overall, per show, per episode), agreement, reasons
"""
import collections, glob, json, os, random, sys


def texts(path):
    d = json.load(open(path))
    return [(i['text'], i.get('quote', '')) for i in d['insights']]


def slug_of(ep_title, episodes):
    for e in episodes:
        if e['title'] == ep_title or e['slug'] == ep_title:
            return e['slug']
    return ep_title


def build(days, out, per_episode=('workhorse', 'hero')):
    os.makedirs(out, exist_ok=True)
    entries = {}
    specs = [d.split('=', 1) for d in days.split(',')] if '=' in days else [('', days)]
    for name, day in specs:
        build_one(day, name + '-' if name else '', per_episode, entries)
    items = sorted(entries.values(), key=lambda e: e['text'])
    random.Random(1412).shuffle(items)
    for k, e in enumerate(items):
        e['id'] = 'H%03d' % k
    json.dump(items, open(os.path.join(out, 'key.json'), 'w'), indent=1)
    shown = [{'id': e['id'], 'episode': e['episode'], 'text': e['text']} for e in items]
    json.dump(shown, open(os.path.join(out, 'items_A.json'), 'w'), indent=1)
    json.dump(shown[::-1], open(os.path.join(out, 'items_B.json'), 'w'), indent=1)
    print(len(items), 'unique texts;', collections.Counter(s for e in items for s in e['systems']))


def build_one(day, prefix, per_episode, entries):
    episodes = json.load(open(os.path.join(day, 'episodes.json')))

    def add(system, slug, text):
        k = ' '.join(text.split())
        e = entries.setdefault(k, {'episode': slug, 'text': k, 'systems': []})
        if prefix + system not in e['systems']:
            e['systems'].append(prefix + system)

    for e in episodes:
        for system in per_episode:
            for text, _ in texts(os.path.join(day, system, e['slug'] + '.json'))[:5]:
                add(system, e['slug'], text)
    for system in ('workhorse', 'hero', 'hero-all'):
        if system.split('-')[0] not in per_episode or not os.path.exists(os.path.join(day, 'day', system + '.json')):
            continue
        d = json.load(open(os.path.join(day, 'day', system + '.json')))
        for i in d['insights'][:5]:
            add('day-' + system, slug_of(i.get('episode', ''), episodes), i['text'])


def score(out):
    key = {i['id']: i for i in json.load(open(os.path.join(out, 'key.json')))}
    judges = {os.path.basename(f)[6:-5]: {j['id']: j for j in json.load(open(f))}
              for f in sorted(glob.glob(os.path.join(out, 'judge_*.json')))}
    systems = sorted({s for i in key.values() for s in i['systems']}, key=lambda s: ('day-' in s, s))
    for s in systems:
        ids = [i for i in key if s in key[i]['systems']]
        if not ids:
            continue
        parts = []
        for jn, J in judges.items():
            kept = sum(1 for i in ids if J[i]['keep'])
            parts.append('%s %d/%d (%.2f) mean %.2f' % (jn, kept, len(ids), kept / len(ids),
                                                         sum(J[i]['score'] for i in ids) / len(ids)))
        print('%-14s %s' % (s, ' | '.join(parts)))
        if 'day-' not in s:
            shows = collections.OrderedDict()
            for i in ids:
                ep = key[i]['episode']
                show = ep.rsplit('-', 1)[0] if ep[-1].isdigit() and '-' in ep and not ep.startswith('april') else 'lenny'
                shows.setdefault(show, []).append(i)
            for show, sub in shows.items():
                print('   %-16s %s' % (show, ' | '.join('%s %d/%d' % (jn, sum(1 for i in sub if J[i]['keep']), len(sub))
                                                        for jn, J in judges.items())))
            per_ep = collections.defaultdict(list)
            for i in ids:
                per_ep[key[i]['episode']].append(i)
            for jn, J in judges.items():
                rates = [sum(1 for i in v if J[i]['keep']) / len(v) for v in per_ep.values()]
                print('   %s per episode: mean %.2f, min %.2f, episodes at >= 0.8: %d/%d' % (
                    jn, sum(rates) / len(rates), min(rates), sum(r >= 0.8 for r in rates), len(rates)))
        c = collections.Counter(J[i]['reason'].split()[0].strip(':,;').lower() for J in judges.values() for i in ids
                                if not J[i]['keep'])
        print('   rejects: ' + ', '.join('%s %d' % kv for kv in c.most_common(6)))
    if len(judges) >= 2:
        a, b = list(judges.values())[:2]
        print('agreement on keep %d/%d unique texts' % (sum(a[i]['keep'] == b[i]['keep'] for i in key), len(key)))


if __name__ == '__main__':
    {'build': lambda: build(sys.argv[2], sys.argv[3], *([sys.argv[4].split(',')] if len(sys.argv) > 4 else [])),
     'score': lambda: score(sys.argv[2])}[sys.argv[1]]()
