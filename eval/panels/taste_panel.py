#!/usr/bin/env python3
"""The taste panels: simulated readers' last digests (DIR/picks/seedN-SYSTEM.json, {reader: [text, ...]}), judged
blind once per distinct passage, counted once per pick sent.

  taste_panel.py build DIR SEED   every distinct passage of the picks, with its episode (the bundled verdict base),
                                  shuffled by SEED: DIR/items_A.json, DIR/items_B.json (reverse order), DIR/key.json
  taste_panel.py score DIR        each reader's (DIR/judge_*.json) picks kept per system, and their agreement
"""
import glob, gzip, json, os, random, re, sys

BASE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'main', 'resources', 'dev',
                    'podsift', 'learn', 'verdict-base.jsonl.gz')


def picks(out):
    """{system: {seed: {reader: [text, ...]}}} from DIR/picks/seedN-SYSTEM.json."""
    found = {}
    for f in sorted(glob.glob(os.path.join(out, 'picks', 'seed*-*.json'))):
        seed, system = re.match(r'seed(\d+)-(.+)\.json', os.path.basename(f)).groups()
        found.setdefault(system, {})[int(seed)] = json.load(open(f))
    return found


def build(out, seed):
    episode = {}
    for line in gzip.open(BASE, 'rt'):
        r = json.loads(line)
        episode[r['text']] = '%s · %s' % (r['show'], os.path.basename(r['transcript']).rsplit('.', 1)[0])
    texts = set()
    for by_seed in picks(out).values():
        for digests in by_seed.values():
            for texts_of_reader in digests.values():
                texts.update(texts_of_reader)
    items = sorted(texts)
    random.seed(seed)
    random.shuffle(items)
    key = [{'id': 'P%03d' % k, 'episode': episode[t], 'text': t} for k, t in enumerate(items)]
    json.dump(key, open(os.path.join(out, 'key.json'), 'w'), indent=1)
    json.dump(key, open(os.path.join(out, 'items_A.json'), 'w'), indent=1)
    json.dump(key[::-1], open(os.path.join(out, 'items_B.json'), 'w'), indent=1)
    print(len(key), 'passages')


def score(out):
    key = {k['text']: k['id'] for k in json.load(open(os.path.join(out, 'key.json')))}
    judges = {os.path.basename(f)[6:-5]: {v['id']: v for v in json.load(open(f))}
              for f in sorted(glob.glob(os.path.join(out, 'judge_*.json')))}
    sent = {s: [key[t] for seed in sorted(d) for texts in d[seed].values() for t in texts]
            for s, d in picks(out).items()}
    for j, v in judges.items():
        for s, ids in sent.items():
            kept = sum(v[i]['keep'] for i in ids)
            print('reader %s, %-7s digests: %d of %d picks sent kept (%.1f%%), mean score %.2f, %d distinct passages'
                  % (j, s, kept, len(ids), 100 * kept / len(ids), sum(v[i]['score'] for i in ids) / len(ids),
                     len(set(ids))))
    a, b = list(judges.values())[:2]
    agree = sum(a[i]['keep'] == b[i]['keep'] for i in a)
    print('agreement on keep: %d of %d passages (%.0f%%)' % (agree, len(a), 100 * agree / len(a)))


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'build':
        build(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == 'score':
        score(sys.argv[2])
    else:
        sys.exit(__doc__)
