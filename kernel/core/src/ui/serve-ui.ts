/**
 * Serves the composed web UI: the shell's build (`ui.shellDir`) under `/ui/`, each active plugin's built bundle
 * (`<package>/dist/ui/`) under the versioned, immutable `/ui/plugins/<id>/<version>/`, and the shell's `index.html`
 * for every other GET outside `/api/` so client-side routes survive a reload. A bundle whose declared Lit/kit ranges
 * the shell's import map does not satisfy is refused and not served (`check-ui-bundle.ts`). The build writes `.br`/`.gz` siblings of
 * every asset; they are sent to clients that accept them (no compression work per request). The content security
 * policy allows the shell's inline scripts (its import map) by hash: {@link shellInlineScriptHashes}.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fastifyStatic from '@fastify/static'
import type { PluginRuntime } from '../plugin-host/plugin-runtime.ts'
import { checkUiBundle, readShellVersions } from './check-ui-bundle.ts'

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Tessera</title>
<body style="font-family:system-ui;margin:3rem"><h1>Tessera is running</h1><p>The web UI has not been built yet:
run <code>pnpm build:ui</code>. The API is at <a href="/docs">/docs</a>.</p></body></html>`

/** CSP sources (`'sha256-…'`) of every inline `<script>` of the built shell's `index.html` (none when not built). */
export function shellInlineScriptHashes(shellDir: string): string[] {
  const indexFile = join(resolve(shellDir), 'index.html')
  if (!existsSync(indexFile)) return []
  const html = readFileSync(indexFile, 'utf8')
  return [...html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`)
}

/** Registers the UI routes; returns the handler for unmatched GETs (the SPA fallback). */
export async function serveUi(app: FastifyInstance, shellDir: string, plugins: PluginRuntime[]): Promise<(req: FastifyRequest, reply: FastifyReply) => unknown> {
  const root = resolve(shellDir)
  const indexFile = join(root, 'index.html')
  let decorated = false
  if (existsSync(root)) {
    await app.register(fastifyStatic, { root, prefix: '/ui/', index: false, wildcard: true, cacheControl: true, maxAge: '1h', preCompressed: true })
    decorated = true
  }
  let shellVersions: Record<string, string> | undefined
  try {
    shellVersions = readShellVersions(root)
  } catch (err) {
    app.log.warn({ err: (err as Error).message }, 'the shell build\'s versions.json is unreadable: plugin UI bundles are served unchecked')
  }
  for (const p of plugins) {
    const dir = p.packageDir && join(p.packageDir, 'dist', 'ui')
    if (!p.definition?.ui) continue
    p.ui = dir ? checkUiBundle(dir, shellVersions) : { state: 'not-built' }
    if (p.ui.state === 'refused') app.log.warn({ plugin: p.id, reason: p.ui.reason }, 'plugin UI refused')
    if (!dir || !existsSync(dir) || p.ui.state === 'refused') continue
    await app.register(fastifyStatic, {
      root: dir, prefix: `/ui/plugins/${p.id}/${p.definition.version}/`, decorateReply: !decorated,
      immutable: true, maxAge: '365d', cacheControl: true, preCompressed: true,
    })
    decorated = true
  }
  const html = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : NOT_BUILT
  return (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html)
}
