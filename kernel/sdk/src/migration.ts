/**
 * Plugin migrations: an ordered list of named steps. The kernel tracks applied names in a table inside the plugin's
 * own schema (`<schema>.tessera_migrations`), runs the pending ones at boot in dependency order, all of one plugin in
 * one transaction, and refuses to run an older plugin version against a newer database.
 */
import type { MigrationDb } from './db.ts'

/** One migration step. `up` is SQL text or a function; the plugin's schema is first on the search_path. @public */
export interface Migration {
  /** Unique, ordered name, e.g. `001_spaces`. Never rename one that has shipped. */
  name: string
  up: string | ((db: MigrationDb) => Promise<void>)
  /** Documented reverse step; the kernel never runs it automatically (downgrades are refused). */
  down?: string | ((db: MigrationDb) => Promise<void>)
}
