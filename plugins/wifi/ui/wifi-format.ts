/** Formatting for the Wi-Fi screens: bytes as KB/MB/GB (decimal), durations as h/min, timestamps in the browser's locale. */
import { formatDateTime } from '@tessera/ui-kit'

/** `1234567` → `1.2 MB`. */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let v = n
  let i = 0
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++ }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`
}

/** `5400` seconds → `1 h 30 min`. */
export function formatSeconds(s: number): string {
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return h ? `${h} h ${m} min` : `${m} min`
}

/** `480` minutes → `8 h`, `1440` → `1 day`. */
export function formatMinutes(min: number): string {
  if (min % 1440 === 0) return `${min / 1440} day${min === 1440 ? '' : 's'}`
  if (min % 60 === 0) return `${min / 60} h`
  return `${min} min`
}

/** An ISO timestamp in the browser's locale. */
export function formatTime(iso: string | null): string {
  return iso ? formatDateTime(iso) : '—'
}
