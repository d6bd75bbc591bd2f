/**
 * The coloured tones shared by alerts and badges: a subtle background, a border and readable text per tone.
 * `.info` and `.accent` are the same tone under the names each element uses.
 */
import { css } from 'lit'

/** Tone classes: `.info`/`.accent`, `.success`, `.warning`, `.danger`. */
export const toneStyles = css`
  .info,
  .accent {
    background: var(--tz-color-accent-subtle);
    border-color: var(--tz-color-accent-border);
    color: var(--tz-color-accent-text);
  }
  .success {
    background: var(--tz-color-success-subtle);
    border-color: var(--tz-color-success-border);
    color: var(--tz-color-success-text);
  }
  .warning {
    background: var(--tz-color-warning-subtle);
    border-color: var(--tz-color-warning-border);
    color: var(--tz-color-warning-text);
  }
  .danger {
    background: var(--tz-color-danger-subtle);
    border-color: var(--tz-color-danger-border);
    color: var(--tz-color-danger-text);
  }
`
