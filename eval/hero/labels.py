#!/usr/bin/env python3
"""The hero editor's judgements as labels, for training the workhorse: one JSON line per candidate it judged.

  labels.py OUT.jsonl     reads every eval/hero/*/ recording (requests with their answers)

Each line: recording, key (the request), show, episode, transcript (relative to the corpus), n, at (m:ss of the candidate), passage (the marked lines
of the request, as the editor saw them), lesson, score (1-10), repeats (n of an earlier candidate or null), insight
and span (when a lesson), answered_by. A request recorded twice (per episode and in a day's digest) is kept once.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def candidates(user):
    """(n, at, passage) for each candidate of a request's user message."""
    out, cur = [], None
    for line in user.split('\n'):
        m = re.match(r'Candidate (\d+) \(at ([0-9:]+)\)', line)
        if m:
            cur = {'n': int(m.group(1)), 'at': m.group(2), 'passage': []}
            out.append(cur)
        elif cur is not None and line.startswith('>> '):
            cur['passage'].append(re.sub(r'^>> \[[0-9:]+\] (?:[^:]{1,60}: )?', '', line))
        elif cur is not None and line.startswith('Passage: '):
            cur['passage'].append(line[len('Passage: '):])
    return [(c['n'], c['at'], ' '.join(c['passage'])) for c in out]


def source(episodes, title):
    """The corpus path of the episode a request names (titles may be escaped or cut in the request)."""
    norm = lambda t: re.sub(r'[^a-z0-9]+', '', (t or '').lower())
    for e in episodes:
        if norm(e['title'])[:30] == norm(title)[:30]:
            return e['source']
    return None


def main(out):
    seen, rows = set(), []
    for rec in sorted(d for d in glob.glob(os.path.join(HERE, '*')) if os.path.isdir(d)):
        episodes = json.load(open(os.path.join(rec, 'episodes.json')))
        for f in sorted(glob.glob(os.path.join(rec, 'requests', '*.request.json'))
                        + glob.glob(os.path.join(rec, 'day', 'requests', '*.request.json'))):
            key = os.path.basename(f).split('.')[0]
            a = f.replace('.request.json', '.answer.json')
            if key in seen or not os.path.exists(a):
                continue
            seen.add(key)
            req, ans = json.load(open(f)), json.load(open(a))
            head = dict(re.findall(r'^(Show|Episode): (.*)$', req['user'], re.M))
            try:
                answer = {c.get('n'): c for c in json.loads(ans['text'])['candidates']}
            except (ValueError, KeyError, TypeError):
                continue
            for n, at, passage in candidates(req['user']):
                c = answer.get(n, {})
                rows.append({'recording': os.path.basename(rec), 'key': key, 'show': head.get('Show'),
                             'episode': head.get('Episode'), 'transcript': source(episodes, head.get('Episode')), 'n': n, 'at': at, 'passage': passage,
                             'lesson': c.get('lesson'), 'score': c.get('score'), 'repeats': c.get('repeats'),
                             'insight': c.get('insight'), 'span': c.get('span'),
                             'answered_by': ans.get('answered_by')})
    with open(out, 'w') as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(len(rows), 'candidates from', len(seen), 'requests;', sum(1 for r in rows if r['lesson']), 'lessons')


if __name__ == '__main__':
    main(sys.argv[1])
