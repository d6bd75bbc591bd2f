/**
 * Layout styles shared by the shell's own screens (home, operator pages): page width and section spacing.
 */
import { css } from 'lit'

export const pageStyles = css`
  :host {
    display: block;
  }
  .section + .section {
    margin-top: var(--tz-space-8);
  }
  .mono {
    font-family: var(--tz-font-mono);
    font-size: var(--tz-text-sm);
    color: var(--tz-color-text-muted);
  }
  .muted {
    color: var(--tz-color-text-subtle);
  }
  [slot='breadcrumbs'] a {
    color: inherit;
    text-decoration: none;
  }
  [slot='breadcrumbs'] a:hover {
    color: var(--tz-color-text);
    text-decoration: underline;
  }
  a.strong {
    color: var(--tz-color-text);
    font-weight: var(--tz-weight-medium);
    text-decoration: none;
  }
  a.strong:hover {
    color: var(--tz-color-accent);
    text-decoration: underline;
  }
`
