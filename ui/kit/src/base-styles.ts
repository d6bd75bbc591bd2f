/**
 * Styles shared by every kit element: box sizing, the visible focus ring, and the screen-reader-only helper.
 *
 * Elements add `baseStyles` first in their `static styles` so focus looks the same everywhere.
 */
import { css } from 'lit'

export const baseStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--tz-font-sans);
    color: var(--tz-color-text);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--tz-color-focus);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
`
