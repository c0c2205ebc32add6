"""Gunicorn settings for Newsroom (gunicorn 23): `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be changed through the environment, so the systemd unit, `make run-prod`
and a benchmark use this one file with their own ports and worker counts.
"""

import json
import multiprocessing
import os
from datetime import UTC, datetime

from gunicorn.glogging import Logger

wsgi_app = "newsroom.wsgi:application"
# Loopback (nginx on this host) or a unix socket ("unix:/run/newsroom/gunicorn.sock").
# A second app server binds to its private address, never to every interface: whoever
# reaches gunicorn directly skips nginx, and the app believes forwarded headers only from
# NEWSROOM_TRUSTED_PROXIES (newsroom/security/forwarded.py).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
_WILDCARDS = {"0.0.0.0", "::", "[::]", ""}
if not bind.startswith(("unix:", "fd://")) and bind.rsplit(":", 1)[0] in _WILDCARDS:
    raise SystemExit(
        f"GUNICORN_BIND={bind} listens on every interface; bind to 127.0.0.1, a unix socket "
        "or this server's private address that only nginx reaches (docs/deploy.md)."
    )
# The usual rule for sync workers: two per core plus one, each a process of its own.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# An image upload renders several renditions in the request; nothing else takes long.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# nginx on the same host is the only client; it sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips

# Access log to stdout, one JSON object per line like the application's own log.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


class JsonAccessLogger(Logger):
    """Access lines as JSON, escaped properly whatever the client put in the request."""

    def access(self, resp, req, environ, request_time):
        if not self.cfg.accesslog:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        headers = dict((name.lower(), value) for name, value in resp.headers)
        line = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "request_id": headers.get("x-request-id", "-"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "remote": environ.get("HTTP_X_FORWARDED_FOR") or environ.get("REMOTE_ADDR"),
        }
        self.access_log.info(json.dumps(line, ensure_ascii=False))


logger_class = JsonAccessLogger
