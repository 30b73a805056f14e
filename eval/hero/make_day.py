#!/usr/bin/env python3
"""Builds the hero measurement's material: fresh episodes (named nowhere else under eval/ nor in the corpus's
reader verdicts, so nothing was tuned on them), chosen by a fixed seed, copied with front matter naming the show
and episode, and one local RSS feed per show, so one day's digest can be made of them.

  make_day.py CORPUS OUT [SEED [PER_SHOW]]   writes OUT/episodes/*.md, OUT/feeds/*.xml and OUT/episodes.json
  make_day.py CORPUS OUT --from FILE         the same for the episodes FILE lists (JSON: slug, show, transcript),
                                             e.g. eval/verdicts/fresh.json, the episodes kept fresh for a final panel
"""
import glob, json, os, random, re, sys
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

SHOWS = [  # (corpus folder, show title, how many)
    ('teacher/lenny/transcripts', "Lenny's Podcast", 6),
    ('transcripts/practicalai', 'Practical AI', 4),
    ('transcripts/founderstalk', 'Founders Talk', 3),
    ('transcripts/changelog', 'The Changelog', 3),
]


def used_names(repo):
    text = ''
    for f in glob.glob(os.path.join(repo, 'eval', '**', '*'), recursive=True):
        if os.path.isfile(f) and '/hero/' not in f:
            text += os.path.basename(f) + '\n'
            if f.endswith(('.json', '.md')):
                text += open(f, encoding='utf-8', errors='replace').read()
    return text


def main(corpus, out, seed=20261202, per_show=None, given=None):
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    used = used_names(repo) + open(os.path.join(corpus, 'verdicts', 'lenny-panel-2026-12-02.json')).read()
    rnd = random.Random(seed)
    os.makedirs(os.path.join(out, 'episodes'), exist_ok=True)
    os.makedirs(os.path.join(out, 'feeds'), exist_ok=True)
    chosen = []
    day = datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)
    for folder, show, n in SHOWS:
        n = per_show or n
        files = sorted(f for f in os.listdir(os.path.join(corpus, folder)) if f.endswith('.md'))
        fresh = [f for f in files if f[:-3] not in used]
        pick = sorted(rnd.sample(fresh, min(n, len(fresh))))
        if given is not None:
            pick = sorted(g['slug'] + '.md' for g in given if g['transcript'].startswith(folder + '/'))
        items = []
        for k, f in enumerate(pick):
            text = open(os.path.join(corpus, folder, f), encoding='utf-8').read()
            title = f[:-3]
            m = re.match(r'---\n(.*?)\n---\n', text, re.S)
            if m:
                t = re.search(r'^title:\s*"?(.*?)"?\s*$', m.group(1), re.M)
                title = t.group(1) if t else title
            else:
                text = '---\nshow: "%s"\ntitle: "%s"\n---\n' % (show, title) + text
            slug = f[:-3]
            open(os.path.join(out, 'episodes', slug + '.md'), 'w', encoding='utf-8').write(text)
            chosen.append({'slug': slug, 'show': show, 'title': title, 'source': os.path.join(folder, f)})
            when = (day - timedelta(hours=k + 1)).strftime('%a, %d %b %Y %H:%M:%S +0000')
            items.append('<item><title>%s</title><guid>%s</guid><pubDate>%s</pubDate>'
                         '<podcast:transcript url="../episodes/%s.md" type="text/markdown"/></item>'
                         % (escape(title), slug, when, slug))
        feed = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                'xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>%s</title>'
                '<link>https://podsift.example/</link>%s</channel></rss>\n' % (escape(show), ''.join(items)))
        open(os.path.join(out, 'feeds', re.sub(r'\W+', '-', show.lower()).strip('-') + '.xml'), 'w').write(feed)
    json.dump(chosen, open(os.path.join(out, 'episodes.json'), 'w'), indent=1)
    print(len(chosen), 'episodes:', ', '.join(c['slug'] for c in chosen))


if __name__ == '__main__':
    if len(sys.argv) > 4 and sys.argv[3] == '--from':
        main(sys.argv[1], sys.argv[2], given=json.load(open(sys.argv[4])))
    else:
        main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20261202,
             int(sys.argv[4]) if len(sys.argv) > 4 else None)
