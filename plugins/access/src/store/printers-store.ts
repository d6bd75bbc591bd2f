/**
 * SQL of printers: registration on an agent, placement, purpose tags and the location defaults, the choice of a
 * printer for a purpose, and the state the agent reports (events and heartbeats).
 */
import type { Db } from '@tessera/sdk'
import type { Printer } from '../contract/index.ts'

/** A printer row as the domain reads it. */
export type PrinterRow = {
  id: string; name: string; agent_id: string; device_id: string; driver: string; location_id: string; purposes: string[]; default_for: string[]
  state: Printer['state']; state_reasons: string[]; state_message: string | null; state_at: Date | null; agent_connected: boolean; created_at: Date
}

const SELECT = `SELECT p.id, p.name, p.agent_id, p.device_id, p.driver, p.location_id, p.purposes,
  coalesce((SELECT array_agg(d.purpose ORDER BY d.purpose) FROM access.printer_defaults d WHERE d.printer_id = p.id), '{}') AS default_for,
  p.state, p.state_reasons, p.state_message, p.state_at, p.created_at,
  (a.connected AND a.last_seen_at > now() - interval '2 minutes') AS agent_connected
  FROM access.printers p JOIN access.agents a ON a.id = p.agent_id`

/** The wire form of a printer row. */
export const toPrinter = (r: PrinterRow): Printer => ({
  id: r.id, name: r.name, agentId: r.agent_id, deviceId: r.device_id, driver: r.driver, locationId: r.location_id, purposes: r.purposes,
  defaultFor: r.default_for, state: r.state, stateReasons: r.state_reasons, stateMessage: r.state_message, stateAt: r.state_at?.toISOString() ?? null,
  agentConnected: r.agent_connected, createdAt: r.created_at.toISOString(),
})

/** Printers by name, optionally at one location or with one purpose tag, a page at a time. */
export function listPrinterRows(db: Db, q: { locationId?: string; purpose?: string; limit: number; offset: number }): Promise<PrinterRow[]> {
  return db.many<PrinterRow>(
    `${SELECT} WHERE ($1::uuid IS NULL OR p.location_id = $1) AND ($2::text IS NULL OR $2 = ANY(p.purposes))
      ORDER BY p.name, p.id LIMIT $3 OFFSET $4`, [q.locationId ?? null, q.purpose ?? null, q.limit, q.offset])
}

/** One printer row, or undefined. */
export function getPrinterRow(db: Db, id: string): Promise<PrinterRow | undefined> {
  return db.one<PrinterRow>(`${SELECT} WHERE p.id = $1`, [id])
}

/**
 * The printer for `purpose` (at `locationId` when given): the location's default for the purpose first, then the
 * first printer carrying the tag, by name.
 */
export function choosePrinterRow(db: Db, purpose: string, locationId: string | null): Promise<PrinterRow | undefined> {
  return db.one<PrinterRow>(
    `${SELECT} LEFT JOIN access.printer_defaults d ON d.printer_id = p.id AND d.purpose = $1 AND d.location_id = p.location_id
      WHERE $1 = ANY(p.purposes) AND ($2::uuid IS NULL OR p.location_id = $2)
      ORDER BY (d.printer_id IS NOT NULL) DESC, p.name, p.id LIMIT 1`, [purpose, locationId])
}

/** Whether a device of an agent is a printer already. */
export async function deviceIsPrinter(db: Db, agentId: string, deviceId: string): Promise<boolean> {
  return (await db.one('SELECT 1 FROM access.printers WHERE agent_id = $1 AND device_id = $2', [agentId, deviceId])) !== undefined
}

/** Inserts a printer; returns its id. */
export async function insertPrinter(db: Db, p: { name: string; agentId: string; deviceId: string; driver: string; locationId: string; purposes: string[] }): Promise<string> {
  return (await db.one<{ id: string }>(
    'INSERT INTO access.printers (name, agent_id, device_id, driver, location_id, purposes) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [p.name, p.agentId, p.deviceId, p.driver, p.locationId, p.purposes]))!.id
}

/** Changes a printer's name, location or purposes (each when given). */
export async function updatePrinterRow(db: Db, id: string, p: { name?: string; locationId?: string; purposes?: string[] }): Promise<void> {
  await db.query(
    `UPDATE access.printers SET name = coalesce($2, name), location_id = coalesce($3, location_id), purposes = coalesce($4, purposes) WHERE id = $1`,
    [id, p.name ?? null, p.locationId ?? null, p.purposes ?? null])
}

/**
 * Makes the printer the default of its location for exactly `purposes` (replacing another printer's default for
 * them), and drops its defaults for other purposes or an old location.
 */
export async function setDefaults(db: Db, printerId: string, locationId: string, purposes: string[]): Promise<void> {
  await db.query(`DELETE FROM access.printer_defaults WHERE printer_id = $1 AND (location_id <> $2 OR NOT (purpose = ANY($3::text[])))`, [printerId, locationId, purposes])
  await db.query(
    `INSERT INTO access.printer_defaults (location_id, purpose, printer_id) SELECT $2, unnest($3::text[]), $1
     ON CONFLICT (tenant_id, location_id, purpose) DO UPDATE SET printer_id = EXCLUDED.printer_id`,
    [printerId, locationId, purposes])
}

/** Drops the printer's defaults that are no longer among its purposes or at its location. */
export async function pruneDefaults(db: Db, printerId: string): Promise<void> {
  await db.query(
    `DELETE FROM access.printer_defaults d USING access.printers p
      WHERE d.printer_id = p.id AND p.id = $1 AND (d.location_id <> p.location_id OR NOT (d.purpose = ANY(p.purposes)))`, [printerId])
}

/** Deletes a printer (its defaults go with it; its jobs keep their history without it). */
export async function deletePrinter(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM access.printers WHERE id = $1', [id])
}

/**
 * Records a printer state the agent reported at `at`, unless a later one was recorded; returns the printer id and
 * whether it came back from `offline` when the state changed, undefined otherwise (unknown device, older or same state).
 */
export async function recordPrinterState(db: Db, agentId: string, deviceId: string, s: { state: string; reasons: string[]; message: string | null; at: string }): Promise<{ id: string; back: boolean } | undefined> {
  return db.one<{ id: string; back: boolean }>(
    `UPDATE access.printers p SET state = $3, state_reasons = $4, state_message = $5, state_at = $6
       FROM (SELECT id, state AS old FROM access.printers WHERE agent_id = $1 AND device_id = $2 FOR UPDATE) o
      WHERE p.id = o.id AND (p.state_at IS NULL OR p.state_at <= $6)
        AND (p.state IS DISTINCT FROM $3 OR p.state_reasons IS DISTINCT FROM $4 OR p.state_message IS DISTINCT FROM $5)
      RETURNING p.id, (coalesce(o.old = 'offline', false) AND $3 <> 'offline') AS back`,
    [agentId, deviceId, s.state, s.reasons, s.message, s.at])
}
