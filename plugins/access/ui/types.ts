/**
 * The shapes the access screens read from the API.
 */

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
