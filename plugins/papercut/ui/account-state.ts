/**
 * Labels and badge variants of a PaperCut account's sync state, shared by the staff and member screens.
 */
import type { PaperCutAccount } from '../src/contract/index.ts'

type State = PaperCutAccount['state']

/** Human label of a state. */
export function stateLabel(state: State): string {
  return { pending: 'Pending', synced: 'Synced', error: 'Error — retrying', dead: 'Failed — needs retry' }[state]
}

/** Badge variant of a state. */
export function stateVariant(state: State): 'success' | 'warning' | 'danger' | 'neutral' {
  return { pending: 'neutral', synced: 'success', error: 'warning', dead: 'danger' }[state] as 'success' | 'warning' | 'danger' | 'neutral'
}
