/**
 * Where set-password links point: the shell's `/set-password?token=…` page under `http.publicUrl` when it is
 * configured (the address browsers use — set it in production), otherwise under the address this kernel listens on
 * (development and tests), and before it listens (the CLI) under `http://localhost:<port>`.
 */

/** Builds set-password links. */
export class SetPasswordLinks {
  readonly #publicUrl: string | undefined
  readonly #port: number
  #listening: (() => string | undefined) | undefined

  constructor(http: { publicUrl?: string; port: number }) {
    this.#publicUrl = http.publicUrl?.replace(/\/+$/, '')
    this.#port = http.port
  }

  /** Tells where the kernel listens once it does (a function: the address is known only after `listen`). */
  listeningAt(address: () => string | undefined): void {
    this.#listening = address
  }

  /** The base URL links are built on. */
  get base(): string {
    return this.#publicUrl ?? this.#listening?.()?.replace(/\/+$/, '') ?? `http://localhost:${this.#port || 3000}`
  }

  /** The link carrying `token`. */
  link(token: string): string {
    return `${this.base}/set-password?token=${encodeURIComponent(token)}`
  }
}

/** The base URL of a listening Node server's address (`0.0.0.0` and `::` become `localhost`). */
export function listeningUrl(address: string | { address: string; family: string; port: number } | null): string | undefined {
  if (!address || typeof address === 'string') return undefined
  const any = address.address === '0.0.0.0' || address.address === '::'
  const host = any ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${host}:${address.port}`
}
