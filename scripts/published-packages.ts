/**
 * The packages Tessera publishes to npm, in build order, and how each is built: `tsc -p <tsconfig>` into its `dist/`.
 * Workspace packages run from source (their `exports` point at `src/*.ts`); `publishConfig.exports` points the packed
 * package at `dist/`, so `pnpm pack` ships JavaScript + `.d.ts` that Node runs from `node_modules`.
 */
import { join } from 'node:path'

/** One published package. */
export interface PublishedPackage {
  name: string
  /** Folder, relative to the repository root. */
  dir: string
  /** The tsc projects that build it, in order (each may need the previous stages' `dist/`). */
  builds: { tsconfig: string; stage: number }[]
  /** Entry points with an API report: report name → built `.d.ts` (relative to `dir`). */
  reports: Record<string, string>
}

/** Repository root. */
export const repoRoot = join(import.meta.dirname, '..')

/** Stage 0 builds in parallel; stage 1 needs stage 0's `.d.ts` (the kernel needs the SDK and config); stage 2 needs 1. */
export const publishedPackages: PublishedPackage[] = [
  { name: '@tessera/config', dir: 'config', builds: [{ tsconfig: 'tsconfig.build.json', stage: 0 }], reports: {} },
  {
    name: '@tessera/sdk', dir: 'kernel/sdk',
    builds: [{ tsconfig: 'tsconfig.build.json', stage: 0 }, { tsconfig: 'tsconfig.build-testing.json', stage: 2 }],
    reports: { sdk: 'dist/index.d.ts', 'sdk-testing': 'dist/testing/index.d.ts' },
  },
  {
    name: '@tessera/driver-sdk', dir: 'hardware-drivers/sdk', builds: [{ tsconfig: 'tsconfig.build.json', stage: 0 }],
    reports: { 'driver-sdk': 'dist/index.d.ts', 'driver-sdk-conformance': 'dist/conformance/index.d.ts' },
  },
  { name: '@tessera/ui-kit', dir: 'ui/kit', builds: [{ tsconfig: 'tsconfig.build.json', stage: 0 }], reports: { 'ui-kit': 'dist/index.d.ts', 'ui-kit-vite': 'dist/vite-preset.d.ts' } },
  { name: '@tessera/kernel', dir: 'kernel/core', builds: [{ tsconfig: 'tsconfig.build.json', stage: 1 }], reports: {} },
  { name: '@tessera/orm', dir: 'kernel/orm', builds: [{ tsconfig: 'tsconfig.build.json', stage: 1 }], reports: { orm: 'dist/index.d.ts' } },
]
