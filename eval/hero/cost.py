#!/usr/bin/env python3
"""What the hero editor's requests cost: token counts estimated from the recorded requests and answers (4
characters per token, the usual rate for English with OpenAI's and Anthropic's tokenizers; answers that report
input_tokens/output_tokens are used as they are), priced at providers' list prices.

  cost.py DIR [DIR...]    every <key>.request.json with its <key>.answer.json in the folders
"""
import glob, json, os, sys

PRICES = [  # (model, USD per 1M input tokens, per 1M output tokens), list prices, standard tier, no batch discount
    ('gpt-4o-mini', 0.15, 0.60),
    ('claude-3-5-haiku', 0.80, 4.00),
    ('gpt-4o', 2.50, 10.00),
]


def main(dirs):
    ins, outs = [], []
    seen = set()
    for d in dirs:
        for f in sorted(glob.glob(os.path.join(d, '*.request.json'))):
            key = os.path.basename(f).split('.')[0]
            if key in seen:
                continue
            seen.add(key)
            r = json.load(open(f))
            a = f.replace('.request.json', '.answer.json')
            ans = json.load(open(a)) if os.path.exists(a) else {}
            ins.append(ans.get('input_tokens') or (len(r['system']) + len(r['user'])) / 4)
            if 'text' in ans:
                outs.append(ans.get('output_tokens') or len(ans['text']) / 4)
    n = len(ins)
    mi, mo = sum(ins) / n, (sum(outs) / len(outs) if outs else 0)
    print('%d requests; per request: %.0f input tokens (min %.0f, max %.0f), %.0f output tokens (%d answers)'
          % (n, mi, min(ins), max(ins), mo, len(outs)))
    for name, pi, po in PRICES:
        per = (mi * pi + mo * po) / 1e6
        print('%-18s per request $%.5f | one subscriber, 10 / 15 episodes read: $%.4f / $%.4f | 1,000 subscribers '
              'sharing 20 episodes: $%.3f a day, $%.6f each' % (name, per, 10 * per, 15 * per, 20 * per, 20 * per / 1000))


if __name__ == '__main__':
    main(sys.argv[1:])
