#!/usr/bin/env bash
# The production stack on this machine: nginx (deploy/nginx/newsroom.conf) in front of one or
# more gunicorn servers (deploy/gunicorn.conf.py), on PostgreSQL and Redis as they run here.
#
#   deploy/run-prod.sh            start, print the address, stop everything on Ctrl-C
#   deploy/run-prod.sh start      start in the background (pid files in $RUN_DIR)
#   deploy/run-prod.sh stop       stop what `start` started
#
# Everything below can be changed from the environment, e.g. for a benchmark:
#   NGINX_PORT=8431 APP_PORTS="8433 8434" GUNICORN_WORKERS=2 RUN_DIR=/tmp/bench \
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench deploy/run-prod.sh start
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

NGINX_PORT=${NGINX_PORT:-8080}
APP_PORTS=${APP_PORTS:-8001}
RUN_DIR=$(realpath -m "${RUN_DIR:-$ROOT/run/prod}")
LOAD_DEMO=${LOAD_DEMO:-1}
PY=${PY:-$ROOT/.venv/bin/python}

export NEWSROOM_ENV=production
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsroom_prod}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export SITE_URL=${SITE_URL:-http://127.0.0.1:$NGINX_PORT}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export STATIC_ROOT=${STATIC_ROOT:-$RUN_DIR/staticfiles}
export MEDIA_ROOT=${MEDIA_ROOT:-$RUN_DIR/media}
# Plain HTTP on loopback: no redirect to https, no Secure cookies (docs/deploy.md says why).
export NEWSROOM_HTTPS=${NEWSROOM_HTTPS:-0}
export GUNICORN_WORKERS=${GUNICORN_WORKERS:-2}

stop() {
    for pidfile in "$RUN_DIR"/*.pid; do
        [[ -e $pidfile ]] || continue
        pid=$(cat "$pidfile")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        rm -f "$pidfile"
    done
}

if [[ ${1:-run} == stop ]]; then
    stop
    exit 0
fi

mkdir -p "$RUN_DIR" "$MEDIA_ROOT"
# A fresh clone has no virtual environment yet: everything below runs in it.
[[ -x $PY ]] || make install
"$PY" -c "import gunicorn" 2>/dev/null || make install
if [[ -z ${SECRET_KEY:-} ]]; then
    [[ -s $RUN_DIR/secret_key ]] || "$PY" -c "import secrets; print(secrets.token_urlsafe(50))" >"$RUN_DIR/secret_key"
    SECRET_KEY=$(cat "$RUN_DIR/secret_key")
    export SECRET_KEY
fi

if ! command -v nginx >/dev/null; then
    echo "Installing nginx (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi

# The database named in DATABASE_URL, created if it does not exist yet.
db=$("$PY" -c "import os, urllib.parse as u; print(u.urlsplit(os.environ['DATABASE_URL']).path.lstrip('/'))")
dbserver=$("$PY" -c "import os, urllib.parse as u; p = u.urlsplit(os.environ['DATABASE_URL']); print(f'{p.scheme}://{p.netloc}/postgres')")
psql -q "$dbserver" -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
    || psql -q "$dbserver" -c "CREATE DATABASE \"$db\""

"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput -v0
if [[ $LOAD_DEMO == 1 ]]; then
    # A trial on this machine only: the demo accounts share one known password, which is
    # why load_demo refuses production settings; it writes to the same database and media.
    NEWSROOM_ENV=development DEBUG=0 "$PY" manage.py load_demo
fi

# nginx: the shipped site file, rewritten for these ports and paths, in a config of its own.
upstreams=""
for port in $APP_PORTS; do upstreams+="    server 127.0.0.1:$port max_fails=3 fail_timeout=10s;\n"; done
mkdir -p "$RUN_DIR/nginx-cache" "$RUN_DIR/nginx-temp"
sed -e "s#^    listen 80;#    listen 127.0.0.1:$NGINX_PORT;#" \
    -e "s#^    server 127.0.0.1:8001 .*#$upstreams#" \
    -e "s#/var/cache/nginx/newsroom#$RUN_DIR/nginx-cache#" \
    -e "s#/srv/newsroom/staticfiles/#$STATIC_ROOT/#" \
    -e "s#/srv/newsroom/media/#$MEDIA_ROOT/#" \
    -e "s#/srv/newsroom/deploy/#$ROOT/deploy/#" \
    deploy/nginx/newsroom.conf >"$RUN_DIR/site.conf"
cat >"$RUN_DIR/nginx.conf" <<CONF
worker_processes 1;
pid $RUN_DIR/nginx.pid;
error_log $RUN_DIR/nginx-error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path $RUN_DIR/nginx-temp/body;
    proxy_temp_path $RUN_DIR/nginx-temp/proxy;
    fastcgi_temp_path $RUN_DIR/nginx-temp/fastcgi;
    uwsgi_temp_path $RUN_DIR/nginx-temp/uwsgi;
    scgi_temp_path $RUN_DIR/nginx-temp/scgi;
    include $RUN_DIR/site.conf;
}
CONF
stop
nginx -t -q -c "$RUN_DIR/nginx.conf" -g "user $(id -un);"
for port in $APP_PORTS; do
    GUNICORN_BIND=127.0.0.1:$port setsid "$PY" -m gunicorn -c deploy/gunicorn.conf.py \
        --pid "$RUN_DIR/gunicorn-$port.pid" >>"$RUN_DIR/gunicorn-$port.log" 2>&1 </dev/null &
    # Each app server runs a task worker and a clock beside gunicorn (docs/deploy.md): the
    # queue hands each task to one worker, and the clock fires each job once whoever ticks.
    for role in worker clock; do
        setsid "$PY" manage.py "$role" >>"$RUN_DIR/$role-$port.log" 2>&1 </dev/null &
        echo $! >"$RUN_DIR/$role-$port.pid"
    done
done
nginx -c "$RUN_DIR/nginx.conf" -g "user $(id -un);"

for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$NGINX_PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fsS "http://127.0.0.1:$NGINX_PORT/readyz" >/dev/null || {
    echo "The stack did not become ready; logs in $RUN_DIR" >&2
    exit 1
}
echo ""
echo "  Newsroom (production settings) on http://127.0.0.1:$NGINX_PORT/"
echo "  nginx -> gunicorn on ports $APP_PORTS ($GUNICORN_WORKERS workers each), a task worker"
echo "  and a clock beside each; logs in $RUN_DIR"
echo ""

if [[ ${1:-run} == start ]]; then
    exit 0
fi
trap stop EXIT INT TERM
echo "  Ctrl-C stops it."
tail -F "$RUN_DIR"/gunicorn-*.log
