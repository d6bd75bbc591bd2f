/**
 * SQL of RADIUS accounting as the application reads it: `wifi_radius.sessions` rows (written by FreeRADIUS's rlm_sql
 * as `tessera_radius`) of one person, under the tenant policy.
 */
import type { Db } from '@tessera/sdk'
import type { WifiDevice, WifiSession } from '../contract/index.ts'

/** The latest sessions of `personId` and the bytes used over all of them. */
export async function sessionsOf(db: Db, personId: string, limit = 50): Promise<{ sessions: WifiSession[]; totalBytes: number }> {
  const rows = await db.many<{ id: string; started_at: string; stopped_at: string | null; seconds: string; input: string; output: string; device: string | null }>(
    `SELECT acct_session_id AS id,
            to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_at,
            to_char(stopped_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS stopped_at,
            session_seconds AS seconds, input_octets AS input, output_octets AS output, calling_station AS device
       FROM wifi_radius.sessions WHERE person_id = $1 ORDER BY started_at DESC LIMIT $2`, [personId, limit])
  const total = await db.one<{ n: string | null }>(
    `SELECT sum(input_octets + output_octets)::text AS n FROM wifi_radius.sessions WHERE person_id = $1`, [personId])
  return {
    sessions: rows.map((r) => ({
      id: r.id, startedAt: r.started_at, stoppedAt: r.stopped_at, seconds: Number(r.seconds),
      inputBytes: Number(r.input), outputBytes: Number(r.output), device: r.device,
    })),
    totalBytes: Number(total?.n ?? 0),
  }
}

/** The open sessions (no stop yet) of `personId`, with the NAS that reported them. */
export async function openSessionsOf(db: Db, personId: string): Promise<{ username: string; sessionId: string; nasIp: string }[]> {
  return db.many<{ username: string; sessionId: string; nasIp: string }>(
    `SELECT username, acct_session_id AS "sessionId", nas_ip AS "nasIp" FROM wifi_radius.sessions
      WHERE person_id = $1 AND stopped_at IS NULL AND nas_ip IS NOT NULL AND nas_ip <> ''`, [personId])
}

/**
 * The devices (calling-station MACs) of `personId`'s sessions, last seen first, with whether one of their sessions is
 * still open; plus the number of open sessions and the bytes used over all sessions.
 */
export async function devicesOf(db: Db, personId: string, limit = 20): Promise<{ devices: WifiDevice[]; openSessions: number; totalBytes: number }> {
  const rows = await db.many<{ device: string; last_seen_at: string; connected: boolean; sessions: string }>(
    `SELECT calling_station AS device,
            to_char(max(COALESCE(stopped_at, updated_at)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_seen_at,
            bool_or(stopped_at IS NULL) AS connected, count(*)::text AS sessions
       FROM wifi_radius.sessions WHERE person_id = $1 AND calling_station IS NOT NULL AND calling_station <> ''
      GROUP BY calling_station ORDER BY max(COALESCE(stopped_at, updated_at)) DESC, calling_station LIMIT $2`, [personId, limit])
  const sum = await db.one<{ open: string; total: string | null }>(
    `SELECT count(*) FILTER (WHERE stopped_at IS NULL)::text AS open, sum(input_octets + output_octets)::text AS total
       FROM wifi_radius.sessions WHERE person_id = $1`, [personId])
  return {
    devices: rows.map((r) => ({ device: r.device, lastSeenAt: r.last_seen_at, connected: r.connected, sessions: Number(r.sessions) })),
    openSessions: Number(sum?.open ?? 0),
    totalBytes: Number(sum?.total ?? 0),
  }
}
