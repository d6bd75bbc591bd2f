/**
 * API reports (API Extractor) of every published entry point — `@tessera/sdk`, `/testing`, `@tessera/driver-sdk`,
 * `/conformance`, `@tessera/ui-kit` — and of every plugin contract (`plugins/<id>/src/contract`), each generated from
 * the built `.d.ts` and committed as `<package>/api/<name>.api.md`. A reviewer sees every change of a public export as
 * a diff of that file; the test command fails when an export changed without its report.
 *
 * - `node scripts/api-reports.ts` checks: exits 1 naming each report that differs (or is missing).
 * - `node scripts/api-reports.ts --update` rewrites the reports (then commit them).
 * - `--only <name>[,<name>]` limits either to some reports (e.g. `--only plugin-members-contract`).
 * - `--reports-dir <dir>` compares with (or writes) reports under `<dir>/<package folder>/api/` instead (tests).
 *
 * The packages are built first (`scripts/build-packages.ts --ensure`); plugin contracts are compiled here to
 * declarations only, all in one tsc program (a contract may import another plugin's contract).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { spawnSync } from 'node:child_process'
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor'
import type { IConfigFile } from '@microsoft/api-extractor'
import { ensurePackagesBuilt } from './build-packages.ts'
import { publishedPackages, repoRoot } from './published-packages.ts'

/** One report: where its entry `.d.ts` is and which package folder holds `api/<name>.api.md`. */
export interface ReportEntry {
  name: string
  packageDir: string
  entry: string
  /** Packages whose declarations the report inlines (the SDK's `/testing` shows the harness it re-exports). */
  bundled?: string[]
}

/** The command that rewrites the reports (printed by the check). */
export const UPDATE_COMMAND = 'npx -y pnpm@10.34.9 exec node scripts/api-reports.ts --update'

const sdkTypes = join(repoRoot, 'kernel/sdk/dist/index.d.ts')

/**
 * Lays a published package out in `<work>/node_modules` as npm would install it (its `publishConfig.exports`, its
 * built `.d.ts`), so API Extractor sees `@tessera/*` imports as the external packages they are for consumers.
 */
function stagePackage(work: string, name: string, dir: string): string {
  const target = join(work, 'node_modules', name)
  const manifest = JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as Record<string, unknown> & { publishConfig?: { exports?: unknown } }
  cpSync(join(repoRoot, dir, 'dist'), join(target, 'dist'), { recursive: true, filter: (src) => !/\.js$/.test(src) })
  writeFileSync(join(target, 'package.json'), JSON.stringify({ ...manifest, exports: manifest.publishConfig?.exports ?? manifest.exports }))
  return target
}

/** Compiles every plugin contract to `.d.ts`, staged as `<work>/node_modules/@tessera/plugin-<id>`; one entry each. */
function buildContracts(work: string): ReportEntry[] {
  const outDir = join(work, 'contracts')
  mkdirSync(outDir)
  const plugins = readdirSync(join(repoRoot, 'plugins')).filter((id) => existsSync(join(repoRoot, 'plugins', id, 'src/contract/index.ts'))).sort()
  const tsconfig = join(outDir, 'tsconfig.json')
  writeFileSync(tsconfig, JSON.stringify({
    extends: join(repoRoot, 'tsconfig.json'),
    compilerOptions: {
      noEmit: false, declaration: true, emitDeclarationOnly: true, rewriteRelativeImportExtensions: true,
      rootDir: join(repoRoot, 'plugins'), outDir: join(outDir, 'plugins'), types: [],
      paths: { '@tessera/sdk': [sdkTypes], '@tessera/plugin-*/contract': [join(repoRoot, 'plugins/*/src/contract/index.ts')] },
    },
    files: plugins.map((id) => join(repoRoot, 'plugins', id, 'src/contract/index.ts')),
    include: [],
  }))
  const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { encoding: 'utf8' })
  if (tsc.status !== 0) throw new Error(`the plugin contracts do not compile to declarations:\n${tsc.stdout}${tsc.stderr}`)
  return plugins.map((id) => {
    const target = join(work, 'node_modules/@tessera', `plugin-${id}`)
    cpSync(join(outDir, 'plugins', id), target, { recursive: true })
    writeFileSync(join(target, 'package.json'), JSON.stringify({ name: `@tessera/plugin-${id}`, type: 'module', exports: { './contract': { types: './src/contract/index.d.ts' } } }))
    // the entry itself stays outside node_modules: API Extractor reports only what it sees as local declarations
    return { name: `plugin-${id}-contract`, packageDir: join(repoRoot, 'plugins', id), entry: join(outDir, 'plugins', id, 'src/contract/index.d.ts') }
  })
}

function runExtractor(entry: ReportEntry, update: boolean, tempDir: string, reportFolder = join(entry.packageDir, 'api')): { changed: boolean; problems: string[] } {
  const configObject: IConfigFile = {
    projectFolder: entry.packageDir,
    mainEntryPointFilePath: entry.entry,
    bundledPackages: entry.bundled ?? [],
    compiler: {
      overrideTsconfig: {
        compilerOptions: {
          target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2023', 'dom', 'dom.iterable'], strict: true, skipLibCheck: true,
          types: ['node'], typeRoots: [join(repoRoot, 'node_modules/@types')],
        },
        files: [entry.entry],
      },
      skipLibCheck: true,
    },
    apiReport: { enabled: true, reportFileName: `${entry.name}.api.md`, reportFolder, reportTempFolder: tempDir },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    newlineKind: 'lf',
    messages: {
      compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
      extractorMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
      tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
    },
  }
  const config = ExtractorConfig.prepare({ configObject, configObjectFullPath: undefined, packageJsonFullPath: join(entry.packageDir, 'package.json') })
  const problems: string[] = []
  mkdirSync(reportFolder, { recursive: true })
  const result = Extractor.invoke(config, {
    localBuild: update,
    showVerboseMessages: false,
    messageCallback: (m) => {
      if (m.logLevel === ExtractorLogLevel.Error || m.logLevel === ExtractorLogLevel.Warning) problems.push(m.text)
      m.handled = true
    },
  })
  return { changed: result.apiReportChanged, problems: result.succeeded || result.apiReportChanged ? [] : problems }
}

/** Runs the check (or the update) of the reports; returns the names of the reports that differ from the code. */
export async function apiReports(options: { update?: boolean; only?: string[]; reportsDir?: string } = {}): Promise<{ stale: string[]; problems: string[] }> {
  await ensurePackagesBuilt()
  const work = mkdtempSync(join(tmpdir(), 'tessera-api-'))
  try {
    const entries: ReportEntry[] = publishedPackages.flatMap((p) => {
      const staged = stagePackage(work, p.name, p.dir)
      // the entry itself is read from a copy outside node_modules: API Extractor reports only local declarations
      const local = join(work, 'local', p.name)
      cpSync(staged, local, { recursive: true })
      return Object.entries(p.reports).map(([name, entry]) => ({
        name, packageDir: join(repoRoot, p.dir), entry: join(local, entry), bundled: name === 'sdk-testing' ? ['@tessera/kernel'] : [],
      }))
    })
    entries.push(...buildContracts(work))
    const stale: string[] = []
    const problems: string[] = []
    for (const entry of entries) {
      if (options.only && !options.only.includes(entry.name)) continue
      const folder = options.reportsDir ? join(options.reportsDir, relative(repoRoot, entry.packageDir), 'api') : join(entry.packageDir, 'api')
      const r = runExtractor(entry, options.update ?? false, join(work, 'temp'), folder)
      if (r.changed) stale.push(relative(options.reportsDir ?? repoRoot, join(folder, `${entry.name}.api.md`)))
      problems.push(...r.problems.map((p) => `${entry.name}: ${p}`))
    }
    return { stale, problems }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (import.meta.main) {
  const update = process.argv.includes('--update')
  const i = process.argv.indexOf('--only')
  const only = i > 0 ? process.argv[i + 1]?.split(',') : undefined
  const r = process.argv.indexOf('--reports-dir')
  const reportsDir = r > 0 ? process.argv[r + 1] : undefined
  const { stale, problems } = await apiReports({ update, only, reportsDir })
  for (const p of problems) console.error(p)
  if (update) console.log(stale.length ? `updated ${stale.join(', ')}` : 'every API report is up to date')
  else if (stale.length) {
    console.error(`API reports out of date (an export changed): ${stale.join(', ')}\nreview the change, then run: ${UPDATE_COMMAND}`)
    process.exit(1)
  } else console.log('every API report matches the code')
  if (problems.length) process.exit(1)
}
