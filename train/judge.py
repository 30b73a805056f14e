#!/usr/bin/env python3
"""Fits the judge (src/main/resources/dev/podsift/insight/judge-model.json) from the examples that
'podsift train --judge-data' writes: reader verdicts (keep share, mean score) and the hero editor's scores.

  judge.py EXAMPLES.jsonl OUT.json [--report]

Needs Debian's python3-numpy and python3-sklearn only. Two heads over the standardised inputs (window features,
neighbourhood, whole-text MiniLM embedding):
  keep  logistic regression on reader verdicts (a passage two readers split on counts half kept, half not)
  hero  ridge regression on the hero's score / 10 (0 for no lesson)
The score the extractor ranks by is blend * keep + (1 - blend) * hero. C, alpha and blend are chosen by 5-fold
cross-validation grouped by episode on the training episodes only, for the top 5's keep rate among each episode's
judged passages; held-back episodes (HeldBack.java's rule, in each example) are never fitted on and are reported
once at the end.
"""
import json, sys
import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

SEED = 20261202
# the groups of inputs a head may use, by name: window features, neighbourhood, and the embeddings of the passage
# (e), its first sentence (f) and the sentence before it (p); weights of a group left out are written as 0
GROUP_SETS = [('window', 'around', 'e'), ('window', 'around', 'e', 'f'), ('window', 'around', 'e', 'f', 'p')]


def groups_of(names):
    """Input index -> group name."""
    n_window = names.index('turn_start')
    out = []
    for k, name in enumerate(names):
        if k < n_window:
            out.append('window')
        elif name[0] in 'efp' and name[1:].isdigit():
            out.append(name[0])
        else:
            out.append('around')
    return np.array(out)


def load(path):
    lines = [json.loads(l) for l in open(path) if l.strip()]
    names, rows = lines[0]['inputs'], lines[1:]
    X = np.array([r['x'] for r in rows], dtype=np.float64)
    return names, rows, X


def top5(rows, idx, pred):
    """Mean over episodes of the keep share of the 5 best-predicted judged passages (distinct windows)."""
    by = {}
    for i, p in zip(idx, pred):
        r = rows[i]
        if r['kind'] == 'reader':
            by.setdefault(r['transcript'], []).append((p, r['keep']))
    rates = []
    for t, lst in by.items():
        if len(lst) >= 8:
            lst.sort(key=lambda x: -x[0])
            rates.append(np.mean([k for _, k in lst[:5]]))
    return float(np.mean(rates)) if rates else float('nan')


def fit_keep(X, rows, idx, C, cols):
    xs, ys, ws = [], [], []
    for i in idx:
        k, n = rows[i]['keep'], rows[i]['readers'] or 1
        for label, w in ((1, k * n), (0, (1 - k) * n)):
            if w > 0:
                xs.append(i); ys.append(label); ws.append(w)
    m = LogisticRegression(C=C, max_iter=3000)
    m.fit(X[xs][:, cols], ys, sample_weight=ws)
    return m, cols


def fit_hero(X, rows, idx, alpha, cols):
    m = Ridge(alpha=alpha)
    m.fit(X[idx][:, cols], [rows[i]['hero'] for i in idx])
    return m, cols


def predict(keep, hero, blend, X):
    p = keep[0].predict_proba(X[:, keep[1]])[:, 1]
    h = np.clip(hero[0].predict(X[:, hero[1]]), 0, 1) if hero is not None else p
    return blend * p + (1 - blend) * h


def full(coef, cols, n):
    """A head's weights over every input (0 for the inputs it does not use)."""
    w = np.zeros(n)
    w[cols] = coef
    return w.tolist()


def main(path, out, report=False):
    names, rows, X = load(path)
    train = [i for i, r in enumerate(rows) if not r['heldBack']]
    held = [i for i, r in enumerate(rows) if r['heldBack']]
    # standardised by the training episodes alone: held-back episodes shape nothing
    mean, std = X[train].mean(0), X[train].std(0)
    std[std < 1e-6] = 1
    Z = (X - mean) / std
    reader_train = [i for i in train if rows[i]['kind'] == 'reader']
    hero_train = [i for i in train if rows[i]['kind'] == 'hero']
    groups = np.array([rows[i]['transcript'] for i in reader_train])
    folds = list(GroupKFold(5).split(reader_train, groups=groups))
    hero_eps = {rows[i]['transcript'] for i in hero_train}
    group = groups_of(names)

    def cv(C, cols, alpha=None, blend=1.0, hcols=None):
        scores = []
        for tr, te in folds:
            tr_i = [reader_train[j] for j in tr]
            te_i = [reader_train[j] for j in te]
            te_eps = {rows[i]['transcript'] for i in te_i}
            keep = fit_keep(Z, rows, tr_i, C, cols)
            hero = None
            if blend < 1:
                hero = fit_hero(Z, rows, [i for i in hero_train if rows[i]['transcript'] not in te_eps], alpha, hcols)
            scores.append(top5(rows, te_i, predict(keep, hero, blend, Z[te_i])))
        return float(np.mean(scores))

    # first the reader head: which inputs, how much regularisation; then the hero head and the blend
    best = None
    for gs in GROUP_SETS:
        cols = np.where(np.isin(group, gs))[0]
        for C in (0.001, 0.003, 0.01, 0.03):
            sc = cv(C, cols)
            print('keep head on %-32s C=%-6g cross-validated top-5 keep %.3f' % ('+'.join(gs), C, sc))
            if best is None or sc > best[0]:
                best = (sc, C, gs, cols)
    sc, C, gs, cols = best
    chosen = (sc, 1.0, None, None)
    if hero_train:
        for hgs in GROUP_SETS[:1] + [gs]:
            hcols = np.where(np.isin(group, hgs))[0]
            for alpha in (300.0, 1000.0, 3000.0):
                for blend in (0.8, 0.6, 0.4):
                    s2 = cv(C, cols, alpha, blend, hcols)
                    print('  + hero head on %-28s alpha=%-6g blend=%.1f  top-5 keep %.3f' % ('+'.join(hgs), alpha,
                                                                                          blend, s2))
                    if s2 > chosen[0]:
                        chosen = (s2, blend, alpha, hcols)
    s2, blend, alpha, hcols = chosen
    print('chosen: keep head on %s, C=%g; %s (cross-validated %.3f)' % (
        '+'.join(gs), C, 'no hero head' if alpha is None else 'hero head alpha=%g, blend %.1f' % (alpha, blend), s2))
    keep = fit_keep(Z, rows, reader_train, C, cols)
    # the hero head is written even when blending it in does not help the readers (blend 1.0): it still says what
    # the hero editor would score a passage, on the keep head's inputs
    hero = None
    if hero_train:
        hero = fit_hero(Z, rows, hero_train, alpha or 1000.0, hcols if alpha is not None else cols)
    if report and held:
        reader_held = [i for i in held if rows[i]['kind'] == 'reader']
        p = predict(keep, hero, blend, Z[reader_held])
        y = [rows[i]['keep'] > 0.5 for i in reader_held]
        first = [rows[i]['first'] for i in reader_held]
        print('held back (%d passages, %d episodes): AUC %.3f (first stage %.3f); top-5 keep among judged %.3f '
              '(first stage %.3f, all judged %.3f)' % (
                  len(reader_held), len({rows[i]['transcript'] for i in reader_held}), roc_auc_score(y, p),
                  roc_auc_score(y, first), top5(rows, reader_held, p), top5(rows, reader_held, first),
                  np.mean([rows[i]['keep'] for i in reader_held])))
        hero_held = [i for i in held if rows[i]['kind'] == 'hero']
        if hero is not None and hero_held:
            from scipy.stats import spearmanr
            ph = np.clip(hero[0].predict(Z[hero_held][:, hero[1]]), 0, 1)
            print('held back hero judgements (%d): Spearman of the hero head with the hero\'s score %.3f (first '
                  'stage %.3f)' % (len(hero_held), spearmanr(ph, [rows[i]['hero'] for i in hero_held])[0],
                                   spearmanr([rows[i]['first'] for i in hero_held],
                                             [rows[i]['hero'] for i in hero_held])[0]))
    n = len(names)
    heads = [{'name': 'keep', 'weights': [[full(keep[0].coef_[0], keep[1], n)]],
              'biases': [keep[0].intercept_.tolist()], 'sigmoid': True}]
    if hero is not None:
        heads.append({'name': 'hero', 'weights': [[full(hero[0].coef_, hero[1], n)]],
                      'biases': [[float(hero[0].intercept_)]], 'sigmoid': False})
    eps = sorted({rows[i]['transcript'] for i in train})
    model = {'version': 1,
             'trainedOn': '%d reader verdicts and %d hero judgements on %d episodes (eval/verdicts/verdicts.jsonl, '
                          'eval/hero/labels.jsonl; held-back episodes excluded); keep head on %s, C=%g; hero '
                          'alpha=%s, blend %.1f' % (len(reader_train), len(hero_train), len(eps), '+'.join(gs), C,
                                                    alpha, blend),
             'features': names,
             'mean': mean.tolist(), 'std': std.tolist(), 'heads': heads, 'blend': blend,
             # one example's raw input and this code's predictions, which the Java judge must reproduce (JudgeModelTest)
             'check': {'input': X[reader_train[0]].tolist(),
                       'keep': float(keep[0].predict_proba(Z[reader_train[:1]][:, keep[1]])[0, 1]),
                       'hero': float(np.clip(hero[0].predict(Z[reader_train[:1]][:, hero[1]])[0], 0, 1))
                       if hero is not None else float(keep[0].predict_proba(Z[reader_train[:1]][:, keep[1]])[0, 1])}}
    json.dump(model, open(out, 'w'))
    print('wrote', out)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], '--report' in sys.argv)
