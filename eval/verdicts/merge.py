#!/usr/bin/env python3
"""Gathers every reader verdict on a verbatim passage into one file, eval/verdicts/verdicts.jsonl, one line each:
{transcript (relative to the corpus), quote, text (as the reader saw it), keep, score, reason, reader, source}.

  merge.py CORPUS

Sources: the corpus's reader panel (verdicts/lenny-panel-2026-12-02.json), eval/judged-fresh.json, the transcript
panels and the hero panels' workhorse passages under eval/panels (their quotes found again in the picks they judged),
and the rounds here (wave-*/key.json with judge_*.json). A passage two readers judged has two lines; those who use the
file decide how to combine them. Hero rewrites are not verbatim and are left out, and so are passages with a turn's
"Name (HH:MM:SS):" label inside (429: the corpus panel's and the earliest panels' picks, made when the parser read
labels as speech): they are not in today's transcripts, so no pick can take their verdict.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.dirname(HERE)
FOLDERS = ['teacher/lenny/transcripts', 'transcripts/changelog', 'transcripts/practicalai',
           'transcripts/founderstalk', 'transcripts/talkpython']


def transcript_of(corpus, slug):
    for f in FOLDERS:
        for ext in ('.md', '.vtt', '.json', '.srt', '.html', '.txt'):
            if os.path.exists(os.path.join(corpus, f, slug + ext)):
                return f + '/' + slug + ext
    return None


def quotes_by_text(pick_files):
    out = {}
    for f in pick_files:
        for i in json.load(open(f))['insights']:
            out[(os.path.basename(f)[:-5], i['text'])] = i['quote']
    return out


def main(corpus):
    rows = []
    panel = json.load(open(os.path.join(corpus, 'verdicts', 'lenny-panel-2026-12-02.json')))
    for i in panel['items']:
        rows.append({'transcript': 'teacher/lenny/transcripts/%s.md' % i['episode'], 'quote': i['quote'],
                     'text': i.get('text_judged', i['quote']), 'keep': i['keep'], 'score': i.get('score'),
                     'reason': i.get('reason'), 'reader': i.get('reader', 'corpus'), 'source': 'corpus-lenny-panel'})
    fresh = json.load(open(os.path.join(EVAL, 'judged-fresh.json')))
    for p in fresh['passages']:
        rows.append({'transcript': p['transcript'], 'quote': p['quote'], 'text': p['quote'], 'keep': p['kept'],
                     'score': None, 'reason': p.get('reason'), 'reader': p.get('reader', 'fresh'),
                     'source': 'judged-fresh'})
    for d in sorted(glob.glob(os.path.join(EVAL, 'panels', '2026-12-02-*'))):
        if d.endswith('-judge'):
            continue  # the judge's own final panel: its episodes stay unseen by training
        picks = glob.glob(os.path.join(d, 'picks-*', '*.json'))
        if '-hero' in d:
            picks += glob.glob(os.path.join(EVAL, 'hero', '*', 'workhorse', '*.json'))
        quotes = quotes_by_text(picks)
        key = {k['id']: k for k in json.load(open(os.path.join(d, 'key.json')))}
        for j in sorted(glob.glob(os.path.join(d, 'judge_*.json'))):
            reader = os.path.basename(j)[6:-5]
            for v in json.load(open(j)):
                k = key[v['id']]
                q = quotes.get((k['episode'], k['text']))
                t = transcript_of(corpus, k['episode'])
                if q and t:
                    rows.append({'transcript': t, 'quote': q, 'text': k['text'], 'keep': v['keep'],
                                 'score': v.get('score'), 'reason': v.get('reason'), 'reader': reader,
                                 'source': 'panels/' + os.path.basename(d)})
    for d in sorted(glob.glob(os.path.join(HERE, 'wave-*'))):
        key = {k['id']: k for k in json.load(open(os.path.join(d, 'key.json')))}
        for j in sorted(glob.glob(os.path.join(d, 'judge_*.json'))):
            reader = os.path.basename(j)[6:-5]
            for v in json.load(open(j)):
                k = key[v['id']]
                rows.append({'transcript': k['transcript'], 'quote': k['quote'], 'text': k['text'],
                             'keep': v['keep'], 'score': v.get('score'), 'reason': v.get('reason'),
                             'reader': reader, 'source': 'verdicts/' + os.path.basename(d)})
    label = re.compile(r'\(\d{1,2}:\d{2}(?::\d{2})?\)')
    rows = [r for r in rows if not label.search(r['quote'])]
    with open(os.path.join(HERE, 'verdicts.jsonl'), 'w') as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + '\n')
    by = {}
    for r in rows:
        by[r['source'].split('/')[0]] = by.get(r['source'].split('/')[0], 0) + 1
    shows = {r['transcript'].split('/')[-2] for r in rows}
    print(len(rows), 'verdicts on', len({(r['transcript'], r['quote']) for r in rows}), 'passages of',
          len({r['transcript'] for r in rows}), 'episodes,', len(shows), 'shows:', by)


if __name__ == '__main__':
    main(sys.argv[1])
