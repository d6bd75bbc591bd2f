/**
 * Small durable-file helpers shared by the agent's on-disk stores: atomic replacement (write a temporary file,
 * fsync it, rename it over the old one, fsync the directory) and fsync'ed appends, so that a power cut leaves
 * either the old or the new content, never a half-written file.
 */
import { open, rename } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * Replace a file's content atomically.
 *
 * @param path - the file
 * @param content - the new content
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`
  const handle = await open(temporary, 'w', 0o600)
  try {
    await handle.writeFile(content)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temporary, path)
  await syncDirectory(dirname(path))
}

/**
 * Append text to a file and fsync it before returning.
 *
 * @param path - the file (created if missing)
 * @param text - what to append
 */
export async function appendDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'a', 0o600)
  try {
    await handle.appendFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function syncDirectory(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // some file systems do not allow fsync on directories; the rename is still atomic
  }
}
