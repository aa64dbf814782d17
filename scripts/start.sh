#!/usr/bin/env bash
# One command from a fresh checkout to a running daemon: system packages, npm install (which builds dist/),
# a local redis-server when none answers at REDIS_URL, then `kznews worker`, crawling every enabled source
# on its schedule into ./data/kznews.db (DATABASE_PATH). Extra arguments go to `kznews worker`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
npm install --no-audit --no-fund
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
if ! redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1; then
  mkdir -p data/redis
  port=$(node -e "console.log(new URL(process.env.REDIS_URL).port || 6379)")
  echo "Starting redis-server on 127.0.0.1:$port (data in data/redis)…" >&2
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir "$PWD/data/redis" \
    --appendonly yes --logfile "$PWD/data/redis/redis.log"
  for _ in $(seq 50); do redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi
exec node dist/cli.js worker "$@"
