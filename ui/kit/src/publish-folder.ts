/**
 * Publishing a finished build into the folder a server is reading from, without a moment where a file is missing or
 * half written: each file of the new build replaces its old version by `rename(2)` (atomic on one file system), then
 * the files the new build no longer has are removed. A reader sees, for every file, either the old complete version or
 * the new one — never a 404 in the middle of a rebuild (Vite's `emptyOutDir` deletes the folder first, then writes).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** A fresh, empty staging folder next to `outDir` (same file system, so its files can be renamed into place). */
export function stagingFolderFor(outDir: string): string {
  const staging = join(dirname(outDir), `.${basename(outDir)}.staging-${process.pid}-${Math.random().toString(36).slice(2, 10)}`)
  mkdirSync(staging, { recursive: true })
  return staging
}

/** Moves everything in `staging` into `outDir` (replacing file by file), drops what `staging` lacked, removes `staging`. */
export function publishFolder(staging: string, outDir: string): void {
  mkdirSync(outDir, { recursive: true })
  const fresh = new Set(readdirSync(staging))
  for (const name of fresh) {
    const target = join(outDir, name)
    // a folder cannot replace a file or a non-empty folder by rename: the old one goes first (bundles are flat, so rare)
    if (existsSync(target) && (statSync(target).isDirectory() || statSync(join(staging, name)).isDirectory())) rmSync(target, { recursive: true, force: true })
    renameSync(join(staging, name), target)
  }
  for (const name of readdirSync(outDir)) if (!fresh.has(name)) rmSync(join(outDir, name), { recursive: true, force: true })
  rmSync(staging, { recursive: true, force: true })
}

