"""The shipped stack on loopback: nginx (deploy/nginx/newsroom.conf) in front of two gunicorn
servers (deploy/gunicorn.conf.py) started by deploy/run-prod.sh, sharing PostgreSQL, Redis
and an S3 bucket; then Redis and PostgreSQL taken away and given back under it.
"""

import io
import json
import os
import re
import subprocess
import time
import uuid

import boto3
import pytest
import requests
from PIL import Image as PILImage

from .conftest import BIN, ROOT, TcpProxy, free_port, needs, postgres_url, stop, wait_for_port

PASSWORD = "demo-newsroom"


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    needs("redis-server")
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(tmp_path_factory.mktemp("redis"))]

    class Redis:
        def start(self):
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
            wait_for_port(port)

        def kill(self):
            stop(self.process)

    server = Redis()
    server.port = port
    server.start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def stack(s3_server, redis_server, tmp_path_factory):
    needs("nginx", "psql", "curl")
    run_dir = tmp_path_factory.mktemp("prod")
    database = f"newsroom_deploy_{uuid.uuid4().hex[:8]}"
    bucket = f"newsroom-{uuid.uuid4().hex[:8]}"
    boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ).create_bucket(Bucket=bucket)
    pg_port = int(postgres_url().rsplit(":", 1)[1].split("/")[0])
    proxy = TcpProxy(pg_port)
    nginx_port, app_a, app_b = free_port(), free_port(), free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_"))},
        "NGINX_PORT": str(nginx_port),
        "APP_PORTS": f"{app_a} {app_b}",
        "GUNICORN_WORKERS": "2",
        "RUN_DIR": str(run_dir),
        "PY": str(BIN / "python"),
        "DATABASE_URL": postgres_url(database).replace(f":{pg_port}/", f":{proxy.port}/"),
        "REDIS_URL": f"redis://127.0.0.1:{redis_server.port}/0",
        "MEDIA_S3_BUCKET": bucket,
        "MEDIA_S3_ENDPOINT_URL": s3_server,
        "MEDIA_S3_REGION": "us-east-1",
        "MEDIA_S3_ACCESS_KEY_ID": "test",
        "MEDIA_S3_SECRET_ACCESS_KEY": "test",
        "MEDIA_S3_PUBLIC_URL": f"{s3_server}/{bucket}",
        "MEDIA_S3_ACL": "public-read",
        # These tests are about what servers share; the second factor that production asks
        # of the demo's superuser and publisher is tested through the real login elsewhere.
        "NEWSROOM_REQUIRE_2FA": "0",
    }
    started = subprocess.run(
        [str(ROOT / "deploy" / "run-prod.sh"), "start"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        assert started.returncode == 0, started.stdout[-3000:] + started.stderr[-3000:]
        yield {
            "nginx": f"http://127.0.0.1:{nginx_port}",
            "a": f"http://127.0.0.1:{app_a}",
            "b": f"http://127.0.0.1:{app_b}",
            "env": env,
            "run_dir": run_dir,
            "proxy": proxy,
            "redis": redis_server,
        }
    finally:
        subprocess.run([str(ROOT / "deploy" / "run-prod.sh"), "stop"], env=env, cwd=ROOT)
        proxy.cut()
        subprocess.run(["psql", postgres_url("postgres"), "-qc", f'DROP DATABASE "{database}"'])


def shell(stack, code):
    env = {**stack["env"], "NEWSROOM_ENV": "development"}
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def log_in(session, base, username):
    page = session.get(f"{base}/admin/login/")
    token = session.cookies["csrftoken"]
    response = session.post(
        f"{base}/admin/login/?next=/admin/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        allow_redirects=False,
    )
    assert page.status_code == 200 and response.status_code == 302, response.text[:500]


def csrf_of(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_logged_in_on_one_server_is_logged_in_on_the_other(stack):
    session = requests.Session()
    log_in(session, stack["a"], "pelaksana")
    on_b = session.get(f"{stack['b']}/admin/", allow_redirects=False)
    assert on_b.status_code == 200
    assert "/admin/logout/" in on_b.text
    assert session.get(f"{stack['nginx']}/admin/", allow_redirects=False).status_code == 200


def test_published_on_one_server_is_public_on_the_other_at_once(stack):
    pk, slug = shell(
        stack,
        "from articles.models import Article; "
        "a = Article.objects.get(status='approved', copy_of=None); print(a.pk, a.slug)",
    ).split()
    session = requests.Session()
    log_in(session, stack["a"], "pelaksana")
    assert requests.get(f"{stack['b']}/berita/{slug}/").status_code == 404

    change = session.get(f"{stack['a']}/admin/articles/article/{pk}/change/").text
    version = re.search(r'name="version" value="(\d+)"', change).group(1)
    pressed = session.post(
        f"{stack['a']}/admin/articles/article/{pk}/alur/",
        data={"csrfmiddlewaretoken": csrf_of(change), "version": version, "action": "publish"},
        allow_redirects=False,
    )
    assert pressed.status_code == 302
    assert requests.get(f"{stack['b']}/berita/{slug}/").status_code == 200


def test_picture_uploaded_through_one_server_shows_its_renditions_through_the_other(stack):
    session = requests.Session()
    log_in(session, stack["a"], "admin")
    session.get(f"{stack['a']}/admin/")
    buffer = io.BytesIO()
    PILImage.new("RGB", (1300, 800), (30, 120, 200)).save(buffer, "JPEG")
    uploaded = session.post(
        f"{stack['a']}/redaksi/gambar/unggah/",
        files={"upload": ("rapat.jpg", buffer.getvalue(), "image/jpeg")},
        headers={"X-CSRFToken": session.cookies["csrftoken"], "Referer": stack["a"]},
    )
    assert uploaded.status_code == 200, uploaded.text[:300]
    assert json.loads(uploaded.text)["url"].startswith(stack["env"]["MEDIA_S3_PUBLIC_URL"])

    listing = session.get(f"{stack['b']}/admin/articles/image/").text
    newest = max(int(pk) for pk in re.findall(r"/admin/articles/image/(\d+)/change/", listing))
    page = session.get(f"{stack['b']}/admin/articles/image/{newest}/change/").text
    public = re.escape(stack["env"]["MEDIA_S3_PUBLIC_URL"])
    renditions = set(re.findall(rf"{public}/images/renditions/[^\"' <]+", page))
    assert renditions  # the preview; the change page lists the others by name
    assert "social.jpg" in page and "w480.webp" in page
    for url in renditions:
        fetched = requests.get(url)
        assert fetched.status_code == 200 and len(fetched.content) > 100, url


def test_micro_cache_serves_anonymous_pages_but_never_a_session(stack):
    requests.get(f"{stack['nginx']}/")
    second = requests.get(f"{stack['nginx']}/")
    assert second.status_code == 200
    assert "Set-Cookie" not in second.headers
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.headers["X-Request-ID"]

    session = requests.Session()
    log_in(session, stack["a"], "pelaksana")
    for _ in range(2):
        assert session.get(f"{stack['nginx']}/").headers["X-Cache-Status"] == "BYPASS"


def test_redis_down_pages_feeds_and_calendars_still_answer(stack):
    base = stack["a"]
    urls = ["/", "/feed/rss/", "/feed/atom/", "/feed.json", "/agenda/", "/agenda.ics"]
    stack["redis"].kill()
    try:
        for _ in range(3):
            for url in urls:
                response = requests.get(base + url, timeout=10)
                assert response.status_code == 200, url
        ready = requests.get(f"{base}/readyz").json()
        assert ready["cache"] != "ok" and ready["database"] == "ok"
    finally:
        stack["redis"].start()
    time.sleep(6)  # past the pause after a failure, Redis is asked again
    for url in urls:
        assert requests.get(base + url).status_code == 200
    assert requests.get(f"{base}/readyz").status_code == 200
    logs = "".join(p.read_text() for p in stack["run_dir"].glob("gunicorn-*.log"))
    outage_lines = [line for line in logs.splitlines() if "cache unreachable" in line]
    # once per worker process at most, never once per request
    assert 1 <= len(outage_lines) <= 4
    assert all(json.loads(line)["level"] == "ERROR" for line in outage_lines)


def test_database_down_answers_503_and_recovers_without_restart(stack):
    base = stack["b"]
    stack["proxy"].cut()
    try:
        for _ in range(4):
            response = requests.get(f"{base}/arsip/", timeout=15)
            assert response.status_code == 503
            assert response.headers["Retry-After"] == "30"
            assert "Layanan sedang tidak tersedia" in response.text
        ready = requests.get(f"{base}/readyz", timeout=15)
        assert ready.status_code == 503 and ready.json()["database"] != "ok"
        assert requests.get(f"{base}/healthz").status_code == 200
    finally:
        stack["proxy"].restore()
    for _ in range(4):
        assert requests.get(f"{base}/arsip/", timeout=15).status_code == 200
    assert requests.get(f"{base}/readyz").status_code == 200
