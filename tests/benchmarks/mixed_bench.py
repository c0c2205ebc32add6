"""`make bench-http BENCH_MODE=mixed`: readers while the newsroom works (issue 28).

The cached stack (gunicorn, production settings, Redis page cache) with a task worker
beside it (the warming task), loaded by wrk: BENCH_HOME_CONNECTIONS on the home page and
BENCH_CONNECTIONS minus those on a set of article pages, first with no writes
(BENCH_QUIET_SECONDS), then while a writer saves a draft every 5 s and a publisher
publishes every 60 s (BENCH_MIXED_SECONDS; tests/benchmarks/mixed_staff.py). Reports the
page cache's hit rate on home and articles (the X-Cache header, counted by a wrk script),
the home page's p99 against the quiet phase, and how often a reader rendered the home page
per publication: the readers' misses plus the warming task's own renders (its result,
kept with the task, lists the pages it rendered rather than found stored).
Writes a Markdown report to BENCH_OUT (artifacts/bench-mixed.md).
"""

import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.utils import timezone

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


def warm(url):
    """Store the page as the readers will ask for it (gzip: a stored copy per encoding)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - loopback
        response.read()


def warming_renders(since):
    """The pages the warming task rendered after `since`, by address (a page it found
    already stored is not counted)."""
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415

    counts = {}
    finished = DBTaskResult.objects.filter(
        task_path__endswith="warming.warm", finished_at__gte=since, status="SUCCESSFUL"
    )
    for rendered in finished.values_list("return_value", flat=True):
        for path in rendered or []:
            counts[path] = counts.get(path, 0) + 1
    return counts


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
                warm(f"http://{HOST}:{PORT}{path}")
            quiet = phase(home_lua, articles_lua, QUIET)
            staff = subprocess.Popen(
                [sys.executable, "-m", "tests.benchmarks.mixed_staff"],
                env=env, cwd=stack.ROOT, stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            processes.append(staff)
            busy_from = timezone.now()
            busy = phase(home_lua, articles_lua, MIXED)
            staff.terminate()
            actions = staff.communicate(timeout=60)[0].split("\n")
            time.sleep(5)  # a warming task queued by the last publication finishes
            warmed = warming_renders(busy_from)
        finally:
            for process in processes:
                if process.poll() is None:
                    process.terminate()
                    process.wait(timeout=30)
            if running:
                running.stop()
    report = table(quiet, busy, actions, warmed, len(paths), time.monotonic() - started)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(report)
    print(report)
    return 0


def _hit_rate(run):
    answered = run["hits"] + run["misses"] + run["others"]
    return 100 * run["hits"] / max(answered, 1)


def table(quiet, busy, actions, warmed, articles, seconds):
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
    home = busy[0]["misses"] + warmed.get("/", 0)
    lines += [
        "",
        f"Home p99 busy ÷ quiet: {ratio:.2f}. Home renders per publication: {home} in "
        f"{publishes} publications ({busy[0]['misses']} by readers, a MISS; "
        f"{warmed.get('/', 0)} by the warming task; target 1 each). The warming task "
        f"rendered {sum(warmed.values())} pages in all, none more than "
        f"{max(warmed.values(), default=0)} times: "
        + ", ".join(f"{path} {count}" for path, count in sorted(warmed.items()))
        + ".",
        "",
        f"Whole run: {seconds / 60:.1f} min.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
