"""Starting and stopping the production stack the HTTP bench loads.

`start_stack()` is the one place that knows how the site is served. Today it starts
gunicorn (sync workers, production settings) and a minimal nginx micro-cache of its own
in a temporary directory. When the deployment files of the production issue are merged,
point `NGINX_TEMPLATE` and `GUNICORN_CONFIG` at them (or set BENCH_NGINX_CONF /
BENCH_GUNICORN_CONF): the bench only needs the ports it is told.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"

# A one-second micro-cache in front of gunicorn, as deploy/nginx: a burst is served by
# nginx, and a change is public within 2 s (no stale copy handed out while updating).
# No `proxy_cache_lock`, as in deploy/nginx: requests waiting on the lock are re-checked
# every 500 ms, which put 430 ms on the p99.
NGINX_TEMPLATE = """
{user_line}
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    proxy_cache_path {tmp}/cache levels=1:2 keys_zone=micro:10m max_size=200m inactive=60s;
    upstream app {{ server 127.0.0.1:{app_port}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_cache micro;
            proxy_cache_valid 200 301 404 1s;
            proxy_cache_bypass $cookie_sessionid;
            proxy_no_cache $cookie_sessionid;
            add_header X-Micro-Cache $upstream_cache_status;
        }}
    }}
}}
"""
GUNICORN_CONFIG = os.environ.get("BENCH_GUNICORN_CONF", "")


@dataclass
class Stack:
    app_port: int
    proxy_port: int
    processes: list = field(default_factory=list)
    tmp: str = ""

    def worker_pids(self, master_pid):
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)


def gunicorn(env, port, app="newsroom.wsgi:application", workers=2, bin_dir=VENV_BIN):
    command = [
        str(Path(bin_dir) / "gunicorn"), app, "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--worker-class", "sync", "--log-level", "warning",
    ]  # fmt: skip
    if GUNICORN_CONFIG:
        command += ["--config", GUNICORN_CONFIG]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def nginx(tmp, port, app_port):
    conf_path = os.environ.get("BENCH_NGINX_CONF")
    if not conf_path:
        conf_path = os.path.join(tmp, "nginx.conf")
        # As root, nginx would hand its workers to `nobody`, who cannot write the temp dir.
        user_line = "user root;" if os.geteuid() == 0 else ""
        conf = NGINX_TEMPLATE.format(tmp=tmp, port=port, app_port=app_port, user_line=user_line)
        Path(conf_path).write_text(conf)
    return subprocess.Popen(["nginx", "-p", tmp, "-c", conf_path, "-g", "daemon off;"])


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                if response.status < 500:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def start_stack(
    env, app_port, proxy_port, with_proxy=True, ready_path="/robots.txt", app=None, bin_dir=None
):
    """gunicorn on `app_port`, and (optionally) the nginx micro-cache on `proxy_port`.

    `app` and `bin_dir` serve another WSGI application from another virtualenv the same
    way (the Wagtail reference, wagtail_bench.py).

    Whatever fails while starting, nothing started here is left running.
    """
    stack = Stack(app_port, proxy_port, tmp=tempfile.mkdtemp(prefix="newsroom-stack-"))
    try:
        extra = {"app": app} if app else {}
        stack.processes.append(gunicorn(env, app_port, bin_dir=bin_dir or VENV_BIN, **extra))
        wait_for(f"http://127.0.0.1:{app_port}{ready_path}")
        if with_proxy and shutil.which("nginx"):
            stack.processes.append(nginx(stack.tmp, proxy_port, app_port))
            wait_for(f"http://127.0.0.1:{proxy_port}{ready_path}")
    except BaseException:
        stack.stop()
        raise
    return stack
