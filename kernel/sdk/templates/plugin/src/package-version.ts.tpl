/**
 * This package's version, read from its `package.json` — one folder above both `src/` (tests, `tessera plugins dev`)
 * and `dist/` (the published build) — so the plugin's `version` is the package's and never drifts from it.
 */
import { readFileSync } from 'node:fs'

export const packageVersion: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
