#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine (PostgreSQL running, Chromium, the workspace) and runs every
# test: the type check, then all *.test.ts files. This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM=(npx -y pnpm@10.34.9)

echo "== PostgreSQL on 127.0.0.1:5432"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if [ ! -d /etc/postgresql ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# the suite runs many kernels at once, each with its pools: it is run and measured with 300 connections (Debian's default is 100)
if [ "$(psql -h 127.0.0.1 -U postgres -Atc 'show max_connections' 2>/dev/null || echo 0)" -lt 300 ]; then
  { psql -h 127.0.0.1 -U postgres -qc 'ALTER SYSTEM SET max_connections = 300' \
    && pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main restart \
    && for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; } || echo "could not raise max_connections"
fi

echo "== Chromium (Debian package) for the browser tests"
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-inter >/dev/null
fi

echo "== PgBouncer (Debian package) for the transaction-pooling test"
if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
fi

echo "== socat (virtual serial pairs for the Modbus RTU test), CUPS + cups-pdf + poppler-utils (printer tests)"
if ! command -v socat >/dev/null 2>&1 || [ ! -x /usr/sbin/cupsd ] || [ ! -e /usr/lib/cups/backend/cups-pdf ] || ! command -v pdftotext >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq socat cups printer-driver-cups-pdf poppler-utils >/dev/null
fi

echo "== FreeRADIUS + rlm_sql_postgresql, radclient, eapol_test (Wi-Fi tests)"
if [ ! -x /usr/sbin/freeradius ] || [ ! -e /usr/lib/freeradius/rlm_sql_postgresql.so ] || ! command -v radclient >/dev/null 2>&1 || ! command -v eapol_test >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq freeradius freeradius-postgresql freeradius-utils eapoltest >/dev/null
fi

echo "== workspace dependencies"
"${PNPM[@]}" install --frozen-lockfile

echo "== UI build"
"${PNPM[@]}" run build:ui

echo "== tests"
"${PNPM[@]}" test
