/**
 * Quoting of SQL identifiers and the uuid check used before a tenant id is inlined into a statement.
 */

/** Double-quotes an identifier for SQL text. */
export function ident(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"'
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether `value` is a canonical uuid (safe to inline as a literal). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/** The Postgres schema that holds a plugin's tables: its id with dashes as underscores. */
export function pluginSchema(pluginId: string): string {
  return pluginId.replaceAll('-', '_')
}
