# Times Python feed parsers over the same files Podsift's benchmark parses; prints one JSON line per parser.
# Usage: parse_python.py ROUNDS FILE...
import io, json, sys, time

rounds = int(sys.argv[1])
files = [(p, open(p, 'rb').read()) for p in sys.argv[2:]]

def bench(name, parse):
    try:
        mod = __import__(name)
    except ImportError:
        print(json.dumps({"parser": name, "error": "not installed"}))
        return
    failures = 0
    for _, data in files:  # warm-up round
        try:
            parse(mod, data)
        except Exception:
            failures += 1
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _, data in files:
            try:
                parse(mod, data)
            except Exception:
                pass
        times.append(time.perf_counter() - start)
    times.sort()
    median = times[len(times) // 2]
    print(json.dumps({"parser": name, "version": getattr(mod, "__version__", "?"), "files": len(files),
                      "median_s": median, "files_per_s": len(files) / median, "failures": failures}))

bench("feedparser", lambda m, d: m.parse(d))
bench("podcastparser", lambda m, d: m.parse("http://127.0.0.1/feed.xml", io.BytesIO(d)))
