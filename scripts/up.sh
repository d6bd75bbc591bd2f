#!/usr/bin/env bash
# Installs and runs Tessera: workspace dependencies, the UI build, then the server with the demo tenant. With no
# DATABASE_URL it starts an embedded PostgreSQL (data in .data/postgres); with one it uses that database.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM=(npx -y pnpm@10.34.9)
"${PNPM[@]}" install --frozen-lockfile
"${PNPM[@]}" run build:ui
exec "${PNPM[@]}" start
