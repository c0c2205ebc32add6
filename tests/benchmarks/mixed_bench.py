"""`make bench-http BENCH_MODE=mixed`: readers while the newsroom works (issue 28).

The cached stack (gunicorn, production settings, Redis page cache) with a task worker
beside it (the warming task), loaded by wrk: BENCH_HOME_CONNECTIONS on the home page and
BENCH_CONNECTIONS minus those on a set of article pages, first with no writes
(BENCH_QUIET_SECONDS), then while a writer saves a draft every 5 s and a publisher
publishes every 60 s (BENCH_MIXED_SECONDS; tests/benchmarks/mixed_staff.py). Reports the
page cache's hit rate on home and articles (the X-Cache header, counted by a wrk script),
the home page's p99 against the quiet phase, and how often a reader rendered the home page
per publication (the warming task renders it first; a reader's render is a MISS).
Writes a Markdown report to BENCH_OUT (artifacts/bench-mixed.md).
"""

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import http_bench, stack

CONNECTIONS = http_bench.CONNECTIONS
HOME_CONNECTIONS = int(os.environ.get("BENCH_HOME_CONNECTIONS", "4"))
QUIET = int(os.environ.get("BENCH_QUIET_SECONDS", "30"))
MIXED = int(os.environ.get("BENCH_MIXED_SECONDS", "130"))
PORT = http_bench.PORT + 4
OUT = Path(os.environ.get("BENCH_OUT", stack.ROOT / "artifacts" / "bench-mixed.md"))
HOST = http_bench.HOST

# Counts X-Cache answers in every wrk thread and prints the sums when wrk is done.
LUA = """
local paths = {%s}
local threads = {}
hits, misses, others = 0, 0, 0
wrk.headers["Accept-Encoding"] = "gzip"
function setup(thread) table.insert(threads, thread) end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
function response(status, headers, body)
  local cache = headers["X-Cache"]
  if cache == "HIT" then hits = hits + 1
  elseif cache == "MISS" then misses = misses + 1
  else others = others + 1 end
end
function done(summary, latency, requests)
  local h, m, o = 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hits"); m = m + t:get("misses"); o = o + t:get("others")
  end
  io.write(string.format("XCACHE %%d %%d %%d\\n", h, m, o))
end
"""


def script(paths, directory):
    path = Path(directory) / f"paths-{len(paths)}.lua"
    path.write_text(LUA % ", ".join(f'"{p}"' for p in paths))
    return str(path)


def start_wrk(lua, connections, seconds):
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s"]
    command += ["--latency", "--timeout", "30s", "-s", lua, f"http://{HOST}:{PORT}/"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def result(process):
    output = process.communicate()[0]
    hits, misses, others = map(int, re.search(r"XCACHE (\d+) (\d+) (\d+)", output).groups())
    return {
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": http_bench._ms(http_bench._field(r"(?m)^\s+50%\s+(\S+)", output)),
        "p99": http_bench._ms(http_bench._field(r"(?m)^\s+99%\s+(\S+)", output)),
        "hits": hits,
        "misses": misses,
        "others": others,
    }


def phase(home_lua, articles_lua, seconds):
    home = start_wrk(home_lua, HOME_CONNECTIONS, seconds)
    articles = start_wrk(articles_lua, CONNECTIONS - HOME_CONNECTIONS, seconds)
    return result(home), result(articles)


def article_paths(count=200):
    from articles.models import Article  # noqa: PLC0415 - Django set up by prepare()

    rows = Article.objects.published().order_by("-publish_at")[:count]
    return [article.get_absolute_url() for article in rows]


def main():
    started = time.monotonic()
    _pages, static_root = http_bench.prepare()
    paths = article_paths()
    env = http_bench.environment(True) | {
        "STATIC_ROOT": static_root,
        "SITE_URL": f"http://{HOST}:{PORT}",  # the warming task renders what readers ask
        "CACHE_KEY_PREFIX": f"benchmixed{int(time.time())}",
    }
    running, processes = None, []
    with tempfile.TemporaryDirectory() as directory:
        home_lua, articles_lua = script(["/"], directory), script(paths, directory)
        try:
            running = stack.start_stack(env, PORT, None, with_proxy=False)
            manage = [sys.executable, str(stack.ROOT / "manage.py")]
            processes.append(subprocess.Popen(manage + ["worker"], env=env, cwd=stack.ROOT))
            for path in ["/", *paths]:
                http_bench.warm(f"http://{HOST}:{PORT}{path}", None)
            quiet = phase(home_lua, articles_lua, QUIET)
            staff = subprocess.Popen(
                [sys.executable, "-m", "tests.benchmarks.mixed_staff"],
                env=env, cwd=stack.ROOT, stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            processes.append(staff)
            busy = phase(home_lua, articles_lua, MIXED)
            staff.terminate()
            actions = staff.communicate(timeout=60)[0].split("\n")
        finally:
            for process in processes:
                if process.poll() is None:
                    process.terminate()
                    process.wait(timeout=30)
            if running:
                running.stop()
    report = table(quiet, busy, actions, len(paths), time.monotonic() - started)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(report)
    print(report)
    return 0


def _hit_rate(run):
    answered = run["hits"] + run["misses"] + run["others"]
    return 100 * run["hits"] / max(answered, 1)


def table(quiet, busy, actions, articles, seconds):
    drafts = sum(1 for line in actions if line.startswith("draft "))
    publishes = sum(1 for line in actions if line.startswith("publish "))
    lines = [
        "# make bench-http BENCH_MODE=mixed — "
        + time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "",
        f"{http_bench.ARTICLES} generated articles on PostgreSQL, Redis page cache, gunicorn "
        f"2 sync workers and one task worker; wrk: {HOME_CONNECTIONS} connections on the home "
        f"page, {CONNECTIONS - HOME_CONNECTIONS} on {articles} article pages (gzip). Quiet: "
        f"{QUIET} s with no writes. Busy: {MIXED} s while a writer saved {drafts} drafts (every "
        f"5 s) and a publisher published {publishes} articles (every 60 s). {os.cpu_count()} "
        "CPUs shared with other work on this machine.",
        "",
        "| phase | page | req/s | p50 ms | p99 ms | hits | misses | hit rate |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (home, pages) in (("quiet", quiet), ("busy", busy)):
        for label, run in (("home", home), ("articles", pages)):
            lines.append(
                f"| {name} | {label} | {run['rate']:,.0f} | {run['p50']:.1f} | {run['p99']:.1f} "
                f"| {run['hits']} | {run['misses']} | {_hit_rate(run):.2f}% |"
            )
    ratio = busy[0]["p99"] / quiet[0]["p99"] if quiet[0]["p99"] else float("nan")
    lines += [
        "",
        f"Home p99 busy ÷ quiet: {ratio:.2f}. Home renders by readers per publication: "
        f"{busy[0]['misses']} in {publishes} publications (the warming task renders the "
        "home page once per publication before readers ask; a reader's render shows as a "
        "MISS, so 0 per publication means no page was rendered twice for one change).",
        "",
        f"Whole run: {seconds / 60:.1f} min.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
