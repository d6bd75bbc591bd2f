#!/usr/bin/env bash
# Installs and runs Tessera: workspace dependencies, the UI build, then the server with the demo tenant. With no
# DATABASE_URL it starts an embedded PostgreSQL (data in .data/postgres); with one it uses that database. Node 24 is
# the workspace's own (the root devDependency `node`), whatever `node` is on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM=(npx -y pnpm@10.34.9)
"${PNPM[@]}" install --frozen-lockfile
"${PNPM[@]}" run build:ui
# the server runs as this script's process (not under another pnpm): Ctrl-C reaches it directly, it drains, stops the
# embedded PostgreSQL (which runs in its own process group), prints one line and exits 0. (Run through `pnpm run up`,
# pnpm itself also gets the Ctrl-C and reports its own "ELIFECYCLE" line and status 130 afterwards.)
# human-readable log lines (pino-pretty) unless this is production, which keeps one JSON object a line
if [[ "${TESSERA_ENV:-${NODE_ENV:-development}}" != production ]]; then export LOG_FORMAT="${LOG_FORMAT:-pretty}"; fi
exec node_modules/.bin/node kernel/core/bin/tessera.ts start --demo
