"""`make bench-http`: the production stack under wrk, against a bare Django ceiling.

Unattended and bounded: creates the PostgreSQL database if missing, generates the archive
if it does not hold BENCH_ARTICLES articles, starts the stacks (stack.py), loads each
page with wrk in interleaved rounds (so machine noise spreads over every row), stops
everything, and writes a Markdown table to BENCH_OUT. Ratios within one run are what
count; absolute numbers depend on the machine.

Settings (environment): BENCH_ARTICLES (100000; 5000 for a quick run), BENCH_DB_URL
(postgres://postgres@127.0.0.1:5432/newsroom_bench), BENCH_REDIS_URL
(redis://127.0.0.1:6379/15), BENCH_PORT (first of four ports, 8450), BENCH_SECONDS (5 per
wrk run), BENCH_ROUNDS (2), BENCH_CONNECTIONS (16), BENCH_OUT (artifacts/bench-http.md),
BENCH_PROJECT (0: every article's
stored page is written before the run, as the worker leaves them; N: the newest N only),
BENCH_ONLY (comma-separated page labels, e.g. "beacon": only those rows and the bare one),
BENCH_WAGTAIL (1: also the Wagtail reference, wagtail_bench.py, on BENCH_WAGTAIL_PORT,
PORT + 10, with its own database BENCH_WAGTAIL_DB_URL and virtualenv BENCH_WAGTAIL_VENV).

The reach beacon (POST /r, issue 26) is loaded like a reader's browser sends it: a JSON
body as text/plain, a phone's browser string, and a different client address per request
in the X-Forwarded-For entry the stack's trusted proxy would write, so each view goes
through the counting script (one address at most 120 views a minute would otherwise be
the cheaper path of a flood). Its target: at least 3x the bare Django view's rate.
"""

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from . import stack

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))
# How many of the newest articles get their stored page before the run (0: all of them).
PROJECT = int(os.environ.get("BENCH_PROJECT", "0"))
DB_URL = os.environ.get("BENCH_DB_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
PORT = int(os.environ.get("BENCH_PORT", "8450"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
PAUSE = float(os.environ.get("BENCH_PAUSE", "3"))
OUT = Path(os.environ.get("BENCH_OUT", stack.ROOT / "artifacts" / "bench-http.md"))
ONLY = {part.strip() for part in os.environ.get("BENCH_ONLY", "").split(",") if part.strip()}
WAGTAIL = os.environ.get("BENCH_WAGTAIL", "") == "1"
WAGTAIL_PORT = int(os.environ.get("BENCH_WAGTAIL_PORT", str(PORT + 10)))
HOST = "127.0.0.1"
BEACON = "beacon"
PHONE = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
TICKS = os.sysconf("SC_CLK_TCK")


def environment(page_cache):
    env = dict(os.environ)
    env.update(
        NEWSROOM_ENV="production",
        DEBUG="0",
        SECRET_KEY="bench-only-" + "x" * 40,
        ALLOWED_HOSTS=f"{HOST},localhost,testserver",
        SITE_URL=f"http://{HOST}",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=DB_URL,
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"bench{int(page_cache)}",
        NEWSROOM_PAGE_CACHE="1" if page_cache else "0",
        STATIC_ROOT=os.environ.get("STATIC_ROOT", tempfile.mkdtemp(prefix="newsroom-static-")),
        LOG_LEVEL="WARNING",
        # The bench's editor session has no authenticator device; production would send it
        # to enrolment instead of the list. A verified session's list costs the same.
        NEWSROOM_REQUIRE_2FA="0",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    return env


def prepare():
    """Database, archive, static files, and the URLs to load (from the archive itself)."""
    name = urlsplit(DB_URL).path.lstrip("/")
    subprocess.run(["createdb", "-h", HOST, "-U", "postgres", name], capture_output=True)
    # The archive is made with development settings: the demo it builds on has demo logins,
    # which production refuses to create.
    maker = dict(os.environ, DATABASE_URL=DB_URL, REDIS_URL=REDIS_URL, NEWSROOM_ENV="development")
    manage = [sys.executable, str(stack.ROOT / "manage.py")]
    subprocess.run(manage + ["migrate", "--noinput", "-v0"], env=maker, check=True)
    subprocess.run(
        manage
        + ["generate_archive", "--if-missing", f"--articles={ARTICLES}"]
        + [f"--events={max(ARTICLES // 10, 10)}", f"--speakers={max(ARTICLES // 50, 10)}"],
        env=maker,
        check=True,
    )
    env = environment(page_cache=False)
    os.environ.update(env)
    import django  # noqa: PLC0415 - configured from the environment set just above

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("collectstatic", verbosity=0, interactive=False)
    # The stored article pages, as the worker leaves them after each publication (written
    # once per archive and deployment: later runs find them current).
    call_command("project_articles", newest=PROJECT or None)
    return targets(), env["STATIC_ROOT"]


def targets():
    from django.contrib.auth import get_user_model  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from taggit.models import Tag  # noqa: PLC0415

    from articles.models import Article, Event  # noqa: PLC0415

    article = Article.objects.published().filter(slug__startswith="arsip-").first()
    event = Event.objects.published().filter(slug__startswith="arsip-").first()
    tag = Tag.objects.filter(slug__startswith="arsip-").order_by("pk").first()
    section_rows = Article.objects.published().filter(section="berita").count()
    deep = min(2000, max(section_rows // 12, 1))
    editor = Client()
    editor.force_login(get_user_model().objects.get(username="redaktur"))
    session = editor.cookies["sessionid"].value
    global BEACON_ITEM  # noqa: PLW0603 - the archive's article, for the beacon's body
    BEACON_ITEM = f"a{article.pk}"
    return [
        ("home", "/", None),
        ("article", article.get_absolute_url(), None),
        ("section p1", "/rubrik/berita/", None),
        (f"section p{deep}", f"/rubrik/berita/?hal={deep}", None),
        ("tag", f"/topik/{tag.slug}/", None),
        ("search common", "/cari/?q=vokasi", None),
        ("search rare", "/cari/?q=songket", None),
        ("rss", "/feed/rss/", None),
        ("sitemap.xml", "/sitemap.xml", None),
        ("event", event.get_absolute_url(), None),
        ("event .ics", f"/agenda/{event.slug}.ics", None),
        ("changelist (editor)", "/admin/articles/article/", f"sessionid={session}"),
    ]


BEACON_ITEM = ""


def beacon_script():
    """A wrk script posting one beacon per request, from a random reader address."""
    body = json.dumps({"i": BEACON_ITEM, "l": "id", "s": "whatsapp", "r": ""})
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
    script.write(
        'wrk.method = "POST"\n'
        f"wrk.body = '{body}'\n"
        'wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"\n'
        f'wrk.headers["User-Agent"] = "{PHONE}"\n'
        # Each thread its own sequence of addresses (unseeded, every thread repeats one).
        "function init(args)\n"
        "  math.randomseed(os.time() + (tonumber(string.sub(tostring({}), 8)) or 0) % 1000003)\n"
        "end\n"
        "request = function()\n"
        '  wrk.headers["X-Forwarded-For"] = "10." .. math.random(0, 255) .. "." ..\n'
        '    math.random(0, 255) .. "." .. math.random(1, 254)\n'
        "  return wrk.format()\n"
        "end\n"
    )
    script.close()
    return script.name


def query_counts(pages):
    """SQL queries per request, uncached and on a cache hit, from an in-process client."""
    from django.conf import settings  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    counts = {}
    for cached in (False, True):
        settings.NEWSROOM_PAGE_CACHE = cached
        for label, url, cookie in pages:
            client = Client()
            if cookie:
                client.cookies["sessionid"] = cookie.split("=", 1)[1]
            client.get(url)  # warm: the generation, the list counts, a stored page
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            counts[label, cached] = len(captured)
    return counts


def cpu_ticks(pids):
    """utime + stime of each process, by pid (a process that exited is left out)."""
    ticks = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks[pid] = int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            continue
    return ticks


def cpu_ms(before, after):
    """CPU spent between two snapshots by the processes alive at the second."""
    ticks = sum(total - before.get(pid, 0) for pid, total in after.items())
    return ticks * 1000 / TICKS


def postgres_pids():
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def _ms(value):
    """wrk's latency ("812.00us", "1.20ms", "2.01s", "1.00m") in milliseconds."""
    found = re.match(r"([\d.]+)(us|ms|s|m)$", value)
    if not found:
        print(f"wrk latency not understood: {value!r}", file=sys.stderr)
        return float("nan")
    number, unit = found.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(url, cookie=None, connections=CONNECTIONS, seconds=SECONDS, script=None):
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", script]
    command += ["--timeout", "30s"]  # a slow page is measured, not dropped as an error
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    # The distribution's own lines: "98.50%" in the thread stats' +/- Stdev column ends
    # in "50%" too.
    p50 = _ms(_field(r"(?m)^\s+50%\s+(\S+)", output))
    p99 = _ms(_field(r"(?m)^\s+99%\s+(\S+)", output))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rate": rate, "p50": p50, "p99": p99, "requests": total, "non2xx": errors}


def _field(pattern, output):
    found = re.search(pattern, output)
    return found.group(1) if found else ""


def measure(url, cookie, app_pids, connections=CONNECTIONS, script=None):
    app_before, db_before = cpu_ticks(app_pids), cpu_ticks(postgres_pids())
    result = wrk(url, cookie, connections, script=script)
    app = cpu_ms(app_before, cpu_ticks(app_pids))
    db = cpu_ms(db_before, cpu_ticks(postgres_pids()))
    result["app_ms"] = app / max(result["requests"], 1)
    result["db_ms"] = db / max(result["requests"], 1)
    return result


def main():
    started = time.monotonic()
    pages, static_root = prepare()
    article_url = pages[1][1]
    deep = next(
        label for label, _u, _c in pages if label.startswith("section p") and label != "section p1"
    )
    if ONLY:
        pages = [page for page in pages if page[0] in ONLY]
    queries = query_counts(pages)
    ports = bare_port, plain_port, cached_port, proxy_port = PORT, PORT + 1, PORT + 2, PORT + 3
    bare_env = environment(False) | {"DJANGO_SETTINGS_MODULE": "tests.benchmarks.bare_settings"}
    bare_env["STATIC_ROOT"] = static_root
    stacks, reference = {}, []
    try:
        if WAGTAIL:
            from . import wagtail_bench  # noqa: PLC0415 - only when asked for

            slug = article_url.rstrip("/").rsplit("/", 1)[1]
            wagtail_env = wagtail_bench.prepare(ARTICLES, static_root, slug)
            stacks["wagtail"] = wagtail_bench.start(wagtail_env, WAGTAIL_PORT, slug)
            reference = wagtail_bench.targets(slug, deep.removeprefix("section p"))
        stacks["bare"] = stack.start_stack(
            bare_env, bare_port, None, with_proxy=False, ready_path=article_url
        )
        stacks["uncached"] = stack.start_stack(
            environment(False) | {"STATIC_ROOT": static_root}, plain_port, None, with_proxy=False
        )
        stacks["cached"] = stack.start_stack(
            environment(True) | {"STATIC_ROOT": static_root}, cached_port, proxy_port
        )
        runs, single, memory = load(stacks, pages, article_url, ports, reference)
    finally:
        for running in stacks.values():
            running.stop()
    report = table(pages, runs, queries, single, memory, time.monotonic() - started, reference)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(report)
    print(report)
    print(f"written to {OUT}")
    return 0


def load(stacks, pages, article_url, ports, reference=()):
    bare_port, plain_port, cached_port, proxy_port = ports
    masters = {name: s.processes[0].pid for name, s in stacks.items()}
    workers = {name: stacks[name].worker_pids(pid) for name, pid in masters.items()}
    runs = {}
    script = beacon_script() if not ONLY or BEACON in ONLY else None
    for round_number in range(ROUNDS):
        order = [("bare", "article", f"http://{HOST}:{bare_port}{article_url}", None)]
        order += [
            ("wagtail", label, f"http://{HOST}:{WAGTAIL_PORT}{url}", None)
            for label, url in reference
        ]
        for label, url, cookie in pages:
            order.append(("uncached", label, f"http://{HOST}:{plain_port}{url}", cookie))
            order.append(("cached", label, f"http://{HOST}:{cached_port}{url}", cookie))
            order.append(("nginx", label, f"http://{HOST}:{proxy_port}{url}", cookie))
        if script:  # the production stack counts in Redis, directly and behind nginx
            order.append(("cached", BEACON, f"http://{HOST}:{cached_port}/r", None))
            order.append(("nginx", BEACON, f"http://{HOST}:{proxy_port}/r", None))
        if round_number % 2:
            order.reverse()
        every_worker = [pid for pids in workers.values() for pid in pids]
        for mode, label, url, cookie in order:
            # A slow page leaves up to CONNECTIONS requests queued in its workers when wrk
            # stops; they must not run on the CPU the next measurement is using.
            settle(every_worker)
            if mode in ("cached", "nginx") and label != BEACON:
                warm(url, cookie)  # the first render of each address is not what is measured
            pids = workers["cached" if mode == "nginx" else mode]
            posts = script if label == BEACON else None
            runs.setdefault((mode, label), []).append(measure(url, cookie, pids, script=posts))
            print(f"round {round_number + 1} {mode:<8} {label:<20} "
                  f"{runs[mode, label][-1]['rate']:>9.0f} req/s", flush=True)  # fmt: skip
    # One reader, one editor: what a single person waits, with no queue in front of them.
    single = {}
    if not ONLY:
        plain, editor = f"http://{HOST}:{plain_port}", pages[-1]
        single = {
            "search": measure(f"{plain}/cari/?q=vokasi", None, workers["uncached"], 1),
            "changelist": measure(plain + editor[1], editor[2], workers["uncached"], 1),
        }
    memory = {name: [rss_mb(pid) for pid in pids] for name, pids in workers.items()}
    return runs, single, memory


def settle(app_pids, quiet_ms=50, longest=120):
    """Wait PAUSE, then until the app servers and PostgreSQL are idle: a page as slow as
    Wagtail's news index (hundreds of ms a request) is still answering the requests queued
    when wrk stopped long after a fixed pause, on the CPU the next measurement needs."""
    time.sleep(PAUSE)
    deadline = time.monotonic() + longest
    while time.monotonic() < deadline:
        pids = app_pids + postgres_pids()
        before = cpu_ticks(pids)
        time.sleep(0.5)
        if cpu_ms(before, cpu_ticks(pids)) < quiet_ms:
            return


def warm(url, cookie):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - loopback
        response.read()


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _median(results, key):
    return statistics.median(result[key] for result in results)


# The newsroom's uncached page beside the reference's page of the same role.
PEERS = {"home": "home", "article": "article", "section p1": "home"}


def wagtail_version():
    from . import wagtail_bench  # noqa: PLC0415

    return wagtail_bench.PINS[0].split("==")[1]


def side_by_side(runs, reference, bare):
    """Uncached ratios to the bare view, the newsroom's beside Wagtail's."""
    if not reference:
        return []
    peers = dict(PEERS)
    for label, _url in reference:
        if label.startswith("index p"):
            peers["section p" + label.removeprefix("index p")] = label
    lines = [
        "",
        "Uncached, side by side (×bare; the newsroom's section lists and Wagtail's news "
        "index are both twelve cards a page):",
        "",
        "| page | newsroom ×bare | Wagtail page | Wagtail ×bare | newsroom ÷ Wagtail |",
        "|---|---:|---|---:|---:|",
    ]
    for ours, theirs in peers.items():
        if ("uncached", ours) not in runs or ("wagtail", theirs) not in runs:
            continue
        mine = _median(runs["uncached", ours], "rate") / bare
        peer = _median(runs["wagtail", theirs], "rate") / bare
        lines.append(f"| {ours} | {mine:.3f} | {theirs} | {peer:.3f} | {mine / peer:.2f} |")
    return lines


def table(pages, runs, queries, single, memory, seconds, reference=()):
    bare = _median(runs["bare", "article"], "rate")
    lines = [
        f"# make bench-http — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        f"{ARTICLES} generated articles on PostgreSQL, Redis cache, gunicorn 2 sync workers, "
        f"wrk -c{CONNECTIONS} {SECONDS} s × {ROUNDS} interleaved rounds (medians); "
        f"{os.cpu_count()} CPUs. Ratio = req/s ÷ the bare Django article view "
        f"({bare:,.0f} req/s). CPU is ms per request in gunicorn workers / in PostgreSQL "
        "(all backends: other load on the server counts too).",
        "",
        "| page | mode | req/s | ×bare | p50 ms | p99 ms | app CPU ms | DB CPU ms | SQL |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [("article (bare Django)", "bare", "article")]
    for label, _url, _cookie in pages:
        rows += [(label, mode, label) for mode in ("uncached", "cached", "nginx")]
    rows += [(f"{label} (Wagtail {wagtail_version()})", "wagtail", label) for label, _ in reference]
    if ("cached", BEACON) in runs:
        rows += [("beacon POST /r (target ≥3×)", mode, BEACON) for mode in ("cached", "nginx")]
    for shown, mode, label in rows:
        results = runs[mode, label]
        rate = _median(results, "rate")
        sql = 1 if mode == "bare" else queries.get((label, mode != "uncached"), "")
        sql = "" if mode == "wagtail" else sql
        sql = 0 if label == BEACON else sql
        lines.append(
            f"| {shown} | {mode} | {rate:,.0f} | {rate / bare:.2f} | "
            f"{_median(results, 'p50'):.1f} | {_median(results, 'p99'):.1f} | "
            f"{_median(results, 'app_ms'):.2f} | {_median(results, 'db_ms'):.2f} | {sql} |"
        )
    lines += side_by_side(runs, reference, bare)
    if not single:
        lines += ["", f"Only {', '.join(sorted(ONLY))} (BENCH_ONLY).", ""]
        return "\n".join(lines)
    lines += [
        "",
        f"Search for a common word, uncached, one connection: p50 {single['search']['p50']:.1f} "
        f"ms, p99 {single['search']['p99']:.1f} ms, {single['search']['rate']:.1f} req/s.",
        "",
        f"The editor's changelist, one connection: p50 {single['changelist']['p50']:.1f} ms, "
        f"p99 {single['changelist']['p99']:.1f} ms, {single['changelist']['rate']:.1f} req/s.",
        "",
        "Worker memory after the run (RSS, MB): "
        + "; ".join(
            f"{name} " + ", ".join(f"{mb:.0f}" for mb in values) for name, values in memory.items()
        ),
        "",
        f"Whole run: {seconds / 60:.1f} min.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
