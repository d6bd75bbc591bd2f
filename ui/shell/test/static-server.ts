/**
 * A tiny node:http server for browser tests that behaves like the kernel's UI serving: `ui/shell/dist` under
 * `/ui/`, plugin bundles under `/ui/plugins/<id>/<version>/`, `index.html` for every other GET outside the
 * server prefixes (client-side routing), and `/api/*` answered by a handler (the fake kernel). Test pages in
 * `test/pages/` are served under `/test/` with the shell's import map injected at `<!-- importmap -->`. The realtime
 * socket (`/api/v1/realtime`) is accepted (RFC 6455 handshake) and kept open silently: the fake kernel has no events
 * to push, and the shell subscribes on every page.
 */
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
}

export type ApiHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>

export interface TestServerOptions {
  distDir: string
  pagesDir: string
  /** plugin id → { version, dir holding index.js } */
  plugins?: Record<string, { version: string; dir: string }>
  api: ApiHandler
}

export interface TestServer {
  url: string
  close(): Promise<void>
}

function inside(root: string, relativePath: string): string | null {
  const full = normalize(join(root, relativePath))
  return full === root || full.startsWith(root + sep) ? full : null
}

async function sendFile(res: ServerResponse, path: string | null, transform?: (text: string) => string): Promise<void> {
  if (!path) return void res.writeHead(403).end()
  try {
    let data: Buffer | string = await readFile(path)
    if (transform) data = transform(data.toString('utf8'))
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(data)
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
  }
}

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const importMap = await readFile(join(options.distDir, 'vendor', 'importmap.json'), 'utf8')
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const path = decodeURIComponent(url.pathname)
    try {
      if (path.startsWith('/api/')) {
        const chunks: Buffer[] = []
        for await (const chunk of req) chunks.push(chunk as Buffer)
        return await options.api(req, res, Buffer.concat(chunks).toString('utf8'))
      }
      const plugin = /^\/ui\/plugins\/([^/]+)\/([^/]+)\/(.+)$/.exec(path)
      if (plugin) {
        const entry = options.plugins?.[plugin[1]]
        if (!entry || entry.version !== plugin[2]) return void res.writeHead(404).end()
        return await sendFile(res, inside(entry.dir, plugin[3]))
      }
      if (path.startsWith('/ui/')) return await sendFile(res, inside(options.distDir, path.slice(4)))
      if (path.startsWith('/test/')) {
        return await sendFile(res, inside(options.pagesDir, path.slice(6)), (text) =>
          text.replace('<!-- importmap -->', `<script type="importmap">${importMap}</script>`),
        )
      }
      return await sendFile(res, join(options.distDir, 'index.html'))
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
    }
  })
  const sockets = new Set<import('node:stream').Duplex>()
  server.on('upgrade', (req, socket) => {
    const key = req.headers['sec-websocket-key']
    if (!req.url?.startsWith('/api/v1/realtime') || typeof key !== 'string') return void socket.destroy()
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64')
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`)
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
