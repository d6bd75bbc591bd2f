/**
 * Lit and the UI kit for this plugin's screens. At runtime `lit` and `@tessera/ui-kit` are the shell's shared
 * copies (bare specifiers kept external by the build, resolved by the import map); their types come from the
 * workspace by path (type-only imports, erased by the build).
 */
// @ts-ignore -- resolved by the shell's import map in the browser; typed below
import * as lit from 'lit'
// @ts-ignore -- resolved by the shell's import map in the browser; typed below
import * as kit from '@tessera/ui-kit'
import type * as Lit from '../../../node_modules/.pnpm/node_modules/lit/index.js'
import type * as Kit from '../../../ui/kit/src/index.ts'

const L = lit as typeof Lit
const K = kit as typeof Kit

export const { LitElement, html, css } = L
export const nothing: typeof Lit.nothing = L.nothing
export type LitElement = Lit.LitElement
export const { api, ProblemError, toast, realtime } = K
export type TableColumn<Row> = Kit.TableColumn<Row>
export type RealtimeEvent<T = unknown> = Kit.RealtimeEvent<T>

/** A door as `GET /api/v1/access/doors` returns it. */
export interface Door {
  id: string
  name: string
  locationId: string
  resourceId: string | null
  agentId: string
  deviceId: string
  unlockDurationMs: number
  lockState: 'locked' | 'unlocked' | null
  doorState: 'open' | 'closed' | 'unknown' | null
  online: boolean | null
  statusAt: string | null
  agentConnected: boolean
}

/** A site agent with its health. */
export interface Agent {
  id: string
  name: string
  connected: boolean
  lastSeenAt: string | null
  software: string | null
  devices: { deviceId: string; driver: string }[]
  reportedGrantsVersion: number | null
  pushedGrantsVersion: number | null
  revokedAt: string | null
}

/** A door event or access decision. */
export interface DoorEvent {
  id: string
  doorId: string | null
  source: 'agent' | 'kernel'
  category: string
  kind: string
  reason: string | null
  occurredAt: string
}

/** Payload of `access.door.status-changed`. */
export interface DoorStatusChange {
  doorId: string
  lockState: Door['lockState']
  doorState: Door['doorState']
  online: boolean | null
}
