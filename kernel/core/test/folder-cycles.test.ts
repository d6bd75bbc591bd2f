/**
 * The kernel's folders form layers: reading every relative import of `kernel/core/src/**` (value and `import type`
 * alike, `export … from` and `import('…')` type queries included), the graph "folder A imports a file of folder B" has
 * no cycle. Files directly in `src/` (`kernel.ts`, `index.ts`) count as one folder, the composition root. A cycle is
 * reported with one import per edge, so the fix (move the shared type to the folder below) is easy to find.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

const src = join(import.meta.dirname, '..', 'src')

function sources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...sources(path))
    else if (name.endsWith('.ts')) out.push(path)
  }
  return out
}

/** Relative import specifiers of a file: `import`/`export … from`, side-effect imports, `import('…')` (also in types). */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const pattern = /^\s*(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm
  return [...text.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3]).filter((s) => s.startsWith('.'))
}

/** The top-level folder of `src` a file belongs to ('.' for files directly in `src`). */
function folderOf(file: string): string {
  const rel = relative(src, file)
  return rel.includes(sep) ? rel.split(sep)[0] : '.'
}

/** Folder → folder → one example import (for the message). */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>()
  for (const file of sources(src)) {
    const from = folderOf(file)
    if (!graph.has(from)) graph.set(from, new Map())
    for (const spec of relativeImports(file)) {
      const target = resolve(dirname(file), spec)
      if (relative(src, target).startsWith('..')) continue // outside src (none today)
      const to = folderOf(target)
      if (to !== from && !graph.get(from)!.has(to)) graph.get(from)!.set(to, `${relative(src, file)} imports ${spec}`)
    }
  }
  return graph
}

/** Every strongly connected component with more than one folder (Tarjan). */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const out: string[][] = []
  const visit = (v: string) => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1) out.push(component.sort())
    }
  }
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v)
  return out
}

test('kernel/core/src: no folder imports (value or type) a folder that imports it back', () => {
  const graph = folderGraph()
  assert.ok(graph.size > 5, 'the kernel sources were found')
  const found = cycles(graph).map((component) => {
    const inside = new Set(component)
    const edges = component.flatMap((from) => [...graph.get(from)!].filter(([to]) => inside.has(to)).map(([to, why]) => `  ${from} → ${to} (${why})`))
    return `cycle between ${component.join(', ')}:\n${edges.join('\n')}`
  })
  assert.deepEqual(found, [], `folder-level import cycles in kernel/core/src:\n${found.join('\n')}`)
})
