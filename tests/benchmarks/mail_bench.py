"""`make bench-mail`: the outbox through real worker processes to a real SMTP server.

On PostgreSQL (created and migrated if missing): queues BENCH_MAIL_MESSAGES (10,000)
messages, starts BENCH_MAIL_WORKERS (2) `manage.py worker` processes pointed at an
aiosmtpd server on loopback that counts Message-IDs, and reports how long delivery took,
how many arrived, and how many arrived more than once. With BENCH_MAIL_KILL=1 one worker
is killed with SIGKILL halfway and replaced, as a crash would. Meanwhile a gunicorn
serves an article page, read one request at a time, and its p99 is compared with the
same reads while nothing is being sent. Then the subscribers' part (subscriber_bench):
one publish to 50,000 subscribers and their daily digest. The press part (press_bench):
a release under embargo to 2,000 journalists. BENCH_MAIL_PARTS picks
("outbox,subscribers" by default; "press" for the press part alone, which needs no site).
Not part of `make test`.
"""

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from urllib.parse import urlsplit

from . import press_bench, stack, subscriber_bench

DB_URL = os.environ.get("BENCH_DB_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench_mail")
MESSAGES = int(os.environ.get("BENCH_MAIL_MESSAGES", "10000"))
WORKERS = int(os.environ.get("BENCH_MAIL_WORKERS", "2"))
KILL = os.environ.get("BENCH_MAIL_KILL", "1") == "1"
PORT = int(os.environ.get("BENCH_PORT", "8470"))
PROBE_SECONDS = float(os.environ.get("BENCH_PROBE_SECONDS", "10"))
PARTS = os.environ.get("BENCH_MAIL_PARTS", "outbox,subscribers").split(",")


def environment(smtp_port):
    return {
        **os.environ,
        "DATABASE_URL": DB_URL,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "LOG_LEVEL": "WARNING",
        "NEWSROOM_WORKER_LOST_AFTER": "5",
        "NEWSROOM_WORKER_BEAT_SECONDS": "1",
    }


def ensure_database():
    name = urlsplit(DB_URL).path.lstrip("/")
    server = DB_URL.rsplit("/", 1)[0] + "/postgres"
    found = subprocess.run(
        ["psql", "-q", server, "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not found:
        subprocess.run(["psql", "-q", server, "-c", f'CREATE DATABASE "{name}"'], check=True)
    manage("migrate", "--noinput", "-v0")
    manage("load_demo", extra={"NEWSROOM_ENV": "development"})


def manage(*args, extra=None):
    env = {**os.environ, "DATABASE_URL": DB_URL, **(extra or {})}
    subprocess.run([sys.executable, "manage.py", *args], cwd=stack.ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def setup_django():
    os.environ["DATABASE_URL"] = DB_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django  # noqa: PLC0415 - the database is chosen above

    django.setup()


def queue_all():
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415

    from outreach.mail import outbox  # noqa: PLC0415
    from outreach.models import OutboxMessage  # noqa: PLC0415

    OutboxMessage.objects.all().delete()
    DBTaskResult.objects.all().delete()
    context = {
        "subject": "Bench", "name": "Pembaca", "actor": "Budi", "action_label": "Terbitkan",
        "title": "Kelas daring", "status": "Terbit", "url": "https://example.test/",
    }  # fmt: skip
    started = time.monotonic()
    for n in range(MESSAGES):
        outbox.queue(kind="bench", key=f"bench-{n}", to=f"pembaca{n}@example.test",
                     template="staff_step", context=context)  # fmt: skip
        if n % 1000 == 999:
            print(f"  queued {n + 1:,}/{MESSAGES:,}", flush=True)
    return time.monotonic() - started


def probe(url, seconds):
    """(p99 ms, requests) of reading `url` one request at a time for `seconds`."""
    times = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        times.append(read(url))
    return percentile99(times), len(times)


def read(url):
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
        response.read()
    return (time.monotonic() - started) * 1000


def percentile99(times):
    times = sorted(times)
    return times[max(int(len(times) * 0.99) - 1, 0)] if times else float("nan")


class Reader(threading.Thread):
    """Reads the article page one request at a time until stopped: the p99 during a send."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url, self.times, self.running = url, [], True

    def run(self):
        while self.running:
            self.times.append(read(self.url))

    def stop(self):
        self.running = False
        self.join(timeout=60)
        return percentile99(self.times), len(self.times)


@contextlib.contextmanager
def site(path):
    """gunicorn (2 workers, production settings, page cache off) serving `path`."""
    site_env = {**environment(1), "NEWSROOM_ENV": "production", "SECRET_KEY": "bench-" + "x" * 50,
                "ALLOWED_HOSTS": "127.0.0.1", "SITE_URL": "http://127.0.0.1",
                "NEWSROOM_HTTPS": "0", "NEWSROOM_PAGE_CACHE": "0",
                "STATIC_ROOT": "/tmp/newsroom-bench-static"}  # fmt: skip
    manage("collectstatic", "--noinput", "-v0", extra=site_env)
    server = subprocess.Popen(
        [str(stack.VENV_BIN / "gunicorn"), "newsroom.wsgi:application", "--bind",
         f"127.0.0.1:{PORT}", "--workers", "2", "--log-level", "warning"],
        cwd=stack.ROOT, env=site_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{PORT}{path}"
    try:
        stack.wait_for(url)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    from tests.outreach.smtp import SMTPServer  # noqa: PLC0415 - aiosmtpd is a dev package

    ensure_database()
    setup_django()
    from articles.models import Article  # noqa: PLC0415

    print(f"load before: {os.getloadavg()[0]:.2f} (1 min average; 2 cores shared)")
    if "press" in PARTS:
        with SMTPServer() as smtp:
            env = environment(smtp.port)
            press_bench.run(smtp, lambda: [worker(env) for _ in range(WORKERS)])
    if not {"outbox", "subscribers"} & set(PARTS):
        print(f"load after: {os.getloadavg()[0]:.2f}")
        return
    article = Article.objects.published().order_by("-publish_at").first()
    with site(article.get_absolute_url()) as url:
        idle_p99, idle_n = probe(url, PROBE_SECONDS)
        print(f"article p99 idle: {idle_p99:.1f} ms ({idle_n} requests, page cache off)")
        if "subscribers" in PARTS:
            with SMTPServer() as smtp:
                env = environment(smtp.port)
                subscriber_bench.run(
                    smtp, lambda: [worker(env) for _ in range(WORKERS)], Reader(url), idle_p99
                )
        if "outbox" in PARTS:
            outbox_part(url, idle_p99)
    print(f"load after: {os.getloadavg()[0]:.2f}")


def outbox_part(url, idle_p99):
    from outreach.models import OutboxMessage, OutboxStatus  # noqa: PLC0415
    from tests.outreach.smtp import SMTPServer  # noqa: PLC0415 - aiosmtpd is a dev package

    with SMTPServer() as smtp:
        env = environment(smtp.port)
        queued_in = queue_all()
        print(f"queued {MESSAGES:,} messages in {queued_in:.1f} s")
        started = time.monotonic()
        workers = [worker(env) for _ in range(WORKERS)]
        try:
            busy_p99, busy_n = probe(url, PROBE_SECONDS)
            killed = False
            while OutboxMessage.objects.exclude(status=OutboxStatus.SENT).exists():
                if KILL and not killed and len(smtp.ids) >= MESSAGES // 2:
                    workers[0].send_signal(signal.SIGKILL)
                    workers[0].wait()
                    workers[0] = worker(env)
                    killed = True
                    print(f"  killed a worker with SIGKILL at {len(smtp.ids):,} delivered")
                    rescue_soon(env)
                if time.monotonic() - started > 900:
                    print("gave up after 15 minutes")
                    break
                time.sleep(0.5)
            took = time.monotonic() - started
        finally:
            for process in workers:
                process.terminate()
                process.wait(timeout=30)
        time.sleep(1)
        twice = sum(1 for n in smtp.ids.values() if n > 1)
        lost = MESSAGES - len(smtp.ids)
        print(f"delivered {len(smtp.ids):,}/{MESSAGES:,} in {took:.1f} s "
              f"({len(smtp.ids) / took:.0f}/s) with {WORKERS} workers")  # fmt: skip
        print(f"lost {lost}, received more than once {twice}")
        print(f"article p99 while sending: {busy_p99:.1f} ms ({busy_n} requests); "
              f"{busy_p99 / idle_p99:.2f}x idle")  # fmt: skip


def worker(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.2", "-v0"],
        cwd=stack.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def rescue_soon(env):
    """The clock's rescuer, run once the dead worker's heartbeat has gone stale."""
    subprocess.Popen(
        ["sh", "-c", f"sleep 6; {sys.executable} manage.py shell -c "
         "'from outreach.background.heartbeat import rescue; print(\"rescued\", rescue())'"],
        cwd=stack.ROOT, env=env,
    )  # fmt: skip


if __name__ == "__main__":
    main()
