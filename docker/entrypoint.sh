#!/bin/sh
# Starts the API in the container: migrate the database, then replace this shell with Node so
# the process receives SIGTERM from `docker stop` directly.
set -eu

cd /app

if [ "${NODE_ENV:-production}" = "production" ] && [ -z "${DATABASE_URL:-}" ]; then
  echo "hamandishi: DATABASE_URL is required in production," >&2
  echo "  e.g. DATABASE_URL=postgres://hamandishi:secret@postgres:5432/hamandishi" >&2
  echo "  (the embedded PostgreSQL is for development only)." >&2
  exit 1
fi

# Several replicas may start at once: every one runs this step, but the migration runner holds a
# PostgreSQL advisory lock while it works, so one replica migrates and the others wait for it and
# then find nothing left to do. No separate "migrate" job is needed.
if [ -n "${DATABASE_URL:-}" ]; then
  node api/dist/api/src/database/migrate.cli.js
fi

exec node api/dist/api/src/main.js "$@"
