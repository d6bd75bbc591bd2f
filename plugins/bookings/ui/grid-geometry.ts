/**
 * Where things are on a calendar grid (the day grid and the week grid alike): the grid's `thead th[data-col]` are its
 * columns and its `tbody tr[data-row]` its rows, inside a scrolling `.grid-wrap`. `hitTest` says which cell a pointer
 * is over (blocks that span rows included: it reads rows and columns, not cells); `placeBox` lays an absolutely
 * positioned overlay (the drag preview, the current-time line) over a column — or every column — between two points
 * of rows. Pure DOM measurement, no state.
 */

/** A cell position: column and row indexes. */
export interface GridCell { col: number; row: number }

/** A point of the grid's height: a row and a fraction of it (0 its top, 1 its bottom). */
export interface RowPoint { row: number; frac: number }

const cols = (root: ParentNode) => [...root.querySelectorAll<HTMLElement>('thead th[data-col]')]
const rows = (root: ParentNode) => [...root.querySelectorAll<HTMLElement>('tbody tr[data-row]')]

/** The cell under the viewport point (`clientX`, `clientY`), or null outside the grid's cells. */
export function hitTest(root: ParentNode, x: number, y: number): GridCell | null {
  const col = cols(root).find((th) => { const r = th.getBoundingClientRect(); return x >= r.left && x < r.right })
  const row = rows(root).find((tr) => { const r = tr.getBoundingClientRect(); return y >= r.top && y < r.bottom })
  return col && row ? { col: Number(col.dataset.col), row: Number(row.dataset.row) } : null
}

/**
 * Places `box` (absolutely positioned inside `wrap`, the scrolling container) over column `col` (`'all'`: every
 * column) from `top` to `bottom`; hides it when a row or the column is not on the grid.
 */
export function placeBox(wrap: HTMLElement, box: HTMLElement, col: number | 'all', top: RowPoint, bottom: RowPoint): void {
  const columns = cols(wrap)
  const lines = rows(wrap)
  const first = col === 'all' ? columns[0] : columns.find((th) => Number(th.dataset.col) === col)
  const last = col === 'all' ? columns[columns.length - 1] : first
  const from = lines.find((tr) => Number(tr.dataset.row) === top.row)
  const to = lines.find((tr) => Number(tr.dataset.row) === bottom.row)
  if (!first || !last || !from || !to) {
    box.hidden = true
    return
  }
  const origin = wrap.getBoundingClientRect()
  const at = (tr: HTMLElement, frac: number) => { const r = tr.getBoundingClientRect(); return r.top + frac * r.height - origin.top + wrap.scrollTop }
  const left = first.getBoundingClientRect().left - origin.left + wrap.scrollLeft
  const right = last.getBoundingClientRect().right - origin.left + wrap.scrollLeft
  const y = at(from, top.frac)
  Object.assign(box.style, { left: `${left}px`, width: `${right - left}px`, top: `${y}px`, height: `${Math.max(0, at(to, bottom.frac) - y)}px` })
  box.hidden = false
}
