#!/usr/bin/env python3
"""Builds the reader-verdict rounds: which episodes, the workhorse's picks of each, and blind item files.

  make_items.py episodes CORPUS OUT.json [SEED]     choose the episodes (fresh or hero-only ones) and the held-back split
  make_items.py picks CORPUS EPISODES.json DIR [TOP] run './podsift extract --top TOP --format json' on each episode
                                                     ($PODSIFT instead of ./podsift when set)
  make_items.py items PICKS_DIR OUT_DIR READERS [PER_EPISODE [SEED]]
                                                     the passages to judge (the best PER_EPISODE-4 picks and 4 drawn from
                                                     the rest) of the episodes no earlier wave (a sibling of OUT_DIR)
                                                     holds, shuffled into one file per reader, 20 shared per pair

  make_items.py more OUT_DIR READERS SOURCE...      a later wave: the passages of SOURCES nobody has judged yet
                                                     (DIR:N, the first N picks per episode; or an 'eval --picks' file)

An episode is held back (never trained on) when the first hex digit of sha1(slug) is 0-3: a quarter of them, fixed
by name, so every verdict file agrees on the split without a list to keep in step.
"""
import glob, hashlib, json, os, random, re, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FOLDERS = {  # corpus folder -> show
    'teacher/lenny/transcripts': "Lenny's Podcast",
    'transcripts/practicalai': 'Practical AI',
    'transcripts/founderstalk': 'Founders Talk',
    'transcripts/changelog': 'The Changelog',
}


def held_back(slug):
    return hashlib.sha1(slug.encode()).hexdigest()[0] in '0123'


def names_under_eval(skip):
    text = ''
    for f in glob.glob(os.path.join(REPO, 'eval', '**', '*'), recursive=True):
        if os.path.isfile(f) and not any(s in f for s in skip):
            text += os.path.basename(f) + '\n'
            if f.endswith(('.json', '.md', '.jsonl', '.txt')):
                text += open(f, encoding='utf-8', errors='replace').read()
    return text


def episodes(corpus, out, seed=20261202):
    """Every episode of the four shows that no label, verdict or reader panel has touched, or only the hero's
    measurement (whose recorded judgements are labels too); a few fresh ones per show are kept apart for the final
    panel (fresh.json beside OUT), named nowhere else."""
    verdicts = open(os.path.join(corpus, 'verdicts', 'lenny-panel-2026-12-02.json')).read()
    used = names_under_eval(['/verdicts/']) + verdicts
    not_hero = names_under_eval(['/verdicts/', '/hero/', '/panels/2026-12-02-hero']) + verdicts
    rnd = random.Random(seed)
    chosen, fresh_panel = [], []
    for folder, show in FOLDERS.items():
        slugs = sorted(f[:-3] for f in os.listdir(os.path.join(corpus, folder)) if f.endswith('.md'))
        fresh = [s for s in slugs if s not in used]
        hero = [s for s in slugs if s in used and s not in not_hero]
        keep = rnd.sample(fresh, min(len(fresh), 6 if 'lenny' in folder else 3)) if fresh else []
        for s in keep:
            fresh_panel.append({'slug': s, 'show': show, 'transcript': folder + '/' + s + '.md'})
        for s in sorted(set(fresh) - set(keep)) + hero:
            chosen.append({'slug': s, 'show': show, 'transcript': folder + '/' + s + '.md',
                           'split': 'heldback' if held_back(s) else 'train',
                           'before': 'hero' if s in hero else 'fresh'})
    json.dump(chosen, open(out, 'w'), indent=1)
    json.dump(fresh_panel, open(os.path.join(os.path.dirname(out), 'fresh.json'), 'w'), indent=1)
    print(len(chosen), 'episodes,', sum(e['split'] == 'heldback' for e in chosen), 'held back;',
          len(fresh_panel), 'kept fresh')


def picks(corpus, eps_file, out_dir, top=40):
    os.makedirs(out_dir, exist_ok=True)
    eps = json.load(open(eps_file))

    def run(e):
        target = os.path.join(out_dir, e['slug'] + '.json')
        if os.path.exists(target):
            return
        # PODSIFT may name another build, e.g. "java -jar /tmp/base/target/podsift.jar" (the build being judged)
        command = os.environ.get('PODSIFT', os.path.join(REPO, 'podsift')).split()
        r = subprocess.run(command + ['extract', os.path.join(corpus, e['transcript']),
                            '--top', str(top), '--format', 'json'], capture_output=True, text=True)
        if r.returncode:
            print(e['slug'], r.stderr[-300:])
            return
        d = json.loads(r.stdout)
        d['transcript'] = e['transcript']
        json.dump(d, open(target, 'w'), indent=1)
        print(e['slug'], len(d['insights']), flush=True)

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(run, eps))


def write_wave(key, out_dir, readers, rnd):
    """OUT_DIR/key.json, and one shuffled item file per reader (id, episode, text only)."""
    os.makedirs(out_dir, exist_ok=True)
    json.dump(key, open(os.path.join(out_dir, 'key.json'), 'w'), indent=1)
    names = readers.split(',')
    shuffled = key[:]
    rnd.shuffle(shuffled)
    share = [shuffled[k::len(names)] for k in range(len(names))]
    for k, name in enumerate(names):
        # 20 of the next reader's passages too, in the reverse order of theirs: agreement between readers
        mine = share[k] + list(reversed(share[(k + 1) % len(names)][:20]))
        rnd.shuffle(mine)
        json.dump([{'id': i['id'], 'episode': i['episode'], 'text': i['text']} for i in mine],
                  open(os.path.join(out_dir, 'items_%s.json' % name), 'w'), indent=1)
        print(name, len(mine))


def items(picks_dir, out_dir, readers, per_episode=20, seed=7):
    rnd = random.Random(seed)
    key = []
    done = set()  # episodes an earlier wave already gave its readers
    for k in glob.glob(os.path.join(os.path.dirname(os.path.abspath(out_dir)), '*', 'key.json')):
        done |= {i['episode'] for i in json.load(open(k))}
    for f in sorted(glob.glob(os.path.join(picks_dir, '*.json'))):
        if os.path.basename(f)[:-5] in done:
            continue
        d = json.load(open(f))
        ins = d['insights']
        best, rest = ins[:per_episode - 4], ins[per_episode - 4:]
        chosen = best + sorted(rnd.sample(rest, min(4, len(rest))), key=lambda i: i['rank'])
        slug = os.path.basename(f)[:-5]
        for i in chosen:
            key.append({'id': 'v%s' % hashlib.sha1((d['transcript'] + i['quote']).encode()).hexdigest()[:8],
                        'episode': slug, 'transcript': d['transcript'], 'rank': i['rank'], 'score': i['score'],
                        'text': i['text'], 'quote': i['quote'], 'start_seconds': i['start_seconds'],
                        'end_seconds': i['end_seconds']})
    write_wave(key, out_dir, readers, rnd)


def more(out_dir, readers, *sources, seed=11):
    """A later wave: the passages of SOURCES no reader has judged, shuffled into one file per reader (20 shared per
    pair). A SOURCE is DIR:N (the first N picks of each episode's extract output in DIR) or an 'eval --picks' JSONL
    file (its picks marked unjudged)."""
    rnd = random.Random(seed)
    judged = set()
    for line in open(os.path.join(HERE_DIR, 'verdicts.jsonl')):
        v = json.loads(line)
        judged.add((v['transcript'], ' '.join(v['quote'].split())))
    key, seen = [], set()

    def add(transcript, slug, i, source):
        q = ' '.join(i['quote'].split())
        vid = 'v%s' % hashlib.sha1((transcript + i['quote']).encode()).hexdigest()[:8]
        if (transcript, q) in judged or vid in seen:
            return
        seen.add(vid)
        key.append({'id': vid, 'episode': slug, 'transcript': transcript, 'rank': i.get('rank'),
                    'score': i.get('score'), 'text': i['text'], 'quote': i['quote'], 'source': source})

    for src in sources:
        if os.path.isdir(src.split(':')[0]):
            d, n = src.split(':')
            for f in sorted(glob.glob(os.path.join(d, '*.json'))):
                pk = json.load(open(f))
                for i in pk['insights'][:int(n)]:
                    add(pk['transcript'], os.path.basename(f)[:-5], i, os.path.basename(d))
        else:
            for line in open(src):
                r = json.loads(line)
                if r.get('verdict') == 'unjudged' and 'transcript' in r:
                    slug = os.path.splitext(os.path.basename(r['transcript']))[0]
                    add(r['transcript'], slug, r, os.path.basename(src))
    write_wave(key, out_dir, readers, rnd)


HERE_DIR = os.path.dirname(os.path.abspath(__file__))

if __name__ == '__main__':
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == 'episodes':
        episodes(args[0], args[1], *(int(a) for a in args[2:]))
    elif cmd == 'picks':
        picks(args[0], args[1], args[2], *(int(a) for a in args[3:]))
    elif cmd == 'items':
        items(args[0], args[1], args[2], *(int(a) for a in args[3:]))
    elif cmd == 'more':
        more(*args)
