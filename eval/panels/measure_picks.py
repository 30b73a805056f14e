#!/usr/bin/env python3
"""Mechanical checks of extracted picks against the raw transcript files they came from.

  measure_picks.py PICKS_DIR CORPUS   PICKS_DIR holds <episode>.json files written by `podsift extract --format json`;
                                      each <episode> is a file under CORPUS/teacher/lenny/transcripts or
                                      CORPUS/transcripts/changelog (the panel's two shows).
Prints, over all picks: how many carry a speaker label, a time mark or markup in text or quote; how many of the
picks whose quote can be placed in the file start inside the marked turn it is said in (within 1 s); and how many
pairs in one episode's top 5 share most of their words (a crude repeat count; the readers judge repeats).
"""
import glob, json, os, re, sys

LEAK = re.compile(r"\(\d{1,2}:\d{2}(?::\d{2})?\)|\[\d{1,2}:\d{2}|\d{1,2}:\d{2}:\d{2}|\*\*|(?:^|\s)#{1,6}\s|\\[\[\]*_]"
                  r"|^[A-Z][\w .'-]{0,40}:\s|^[A-Z][\w .'-]{0,40} \(\d")
MARK = re.compile(r"(?:^|[\[(]|\s(?=\d{1,2}:\d{2}:\d{2}))(\d{1,2}:\d{2}(?::\d{2})?)(?:[.,]\d+)?(?=[\])\s\\]|$)", re.M)


def words(s):
    return ' '.join(re.sub(r"[^\w']+", ' ', s.lower()).split())


def marks(raw):
    r = re.sub(r'<[^>]{0,200}>', ' ', re.sub(r'-->\s*\S+', ' ', raw)).replace('\\', '').replace('**', '')
    text, pos, times, start = '', [], [], 0
    for m in MARK.finditer(r):
        w = words(r[start:m.start()])
        text += w + (' ' if w else '')
        pos.append(len(text))
        secs = 0
        for p in m.group(1).split(':'):
            secs = secs * 60 + int(p)
        times.append(secs)
        start = m.end()
    return text + words(r[start:]), pos, times


def turn(mk, quote):
    text, pos, times = mk
    w = words(quote).split()
    if len(times) < 2 or len(w) < 6:
        return None
    head = ' ' + ' '.join(w[:6]) + ' '
    padded = ' ' + text + ' '
    at = padded.find(head)
    if at < 0 or padded.find(head, at + 1) >= 0:
        return None
    k = sum(1 for p in pos if p <= at)
    if k == 0:
        return 0, times[0]
    return times[k - 1], max(times[k - 1], times[k] if k < len(times) else 1e9)


def main(picks_dir, corpus):
    n = leaks = placed = at_mark = 0
    repeats = 0
    shows = {}
    for f in sorted(glob.glob(os.path.join(picks_dir, '*.json'))):
        ep = os.path.basename(f)[:-5]
        raw = None
        for d in ('teacher/lenny/transcripts', 'transcripts/changelog'):
            p = os.path.join(corpus, d, ep + '.md')
            if os.path.exists(p):
                raw = open(p, encoding='utf-8').read()
        mk = marks(raw)
        picks = json.load(open(f))['insights']
        for i, pick in enumerate(picks):
            n += 1
            if LEAK.search(pick['text']) or LEAK.search(pick['quote']):
                leaks += 1
            t = turn(mk, pick['quote'])
            show = shows.setdefault('Changelog' if ep.startswith('the-changelog') else 'Lenny', [0, 0, 0])
            show[0] += 1
            if t is not None:
                placed += 1
                show[1] += 1
                if t[0] - 1 <= pick['start_seconds'] <= t[1] + 1:
                    at_mark += 1
                    show[2] += 1
            a = set(words(pick['text']).split())
            for other in picks[:i]:
                b = set(words(other['text']).split())
                if len(a & b) >= 0.6 * min(len(a), len(b)):
                    repeats += 1
    print('picks %d; with a label, mark or markup: %d; placed in the file: %d, of which at their marked turn: %d; '
          'word-overlap repeats: %d' % (n, leaks, placed, at_mark, repeats))
    for name, (k, p, a) in sorted(shows.items()):
        print('  %s: %d picks, %d placed, %d at their marked turn' % (name, k, p, a))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
