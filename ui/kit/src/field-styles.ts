/**
 * Styles for labelled form controls: label, input box, help text and error text.
 *
 * Used by `tz-text-field`, `tz-number-field`, `tz-select`, `tz-checkbox`, `tz-field` and `tz-string-list`, so
 * every control in a form lines up and reads the same.
 */
import { css } from 'lit'

export const fieldStyles = css`
  :host {
    display: block;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  label,
  .label {
    font-size: var(--tz-text-md);
    font-weight: var(--tz-weight-medium);
    color: var(--tz-color-text);
    line-height: var(--tz-leading-tight);
  }
  /* The marker is decoration (the control carries 'required'); the empty alt text keeps it out of the name. */
  .is-required::after {
    content: '*' / '';
    color: var(--tz-color-danger);
    margin-left: 2px;
  }
  .help {
    font-size: var(--tz-text-sm);
    color: var(--tz-color-text-subtle);
    margin: 0;
  }
  .error {
    display: flex;
    gap: 6px;
    align-items: flex-start;
    font-size: var(--tz-text-sm);
    color: var(--tz-color-danger-text);
    margin: 0;
  }
  .error::before {
    content: '';
    flex: none;
    width: 6px;
    height: 6px;
    margin-top: 6px;
    border-radius: 50%;
    background: var(--tz-color-danger);
  }
  input,
  select,
  textarea {
    font: inherit;
    font-size: var(--tz-text-md);
    color: var(--tz-color-text);
    background: var(--tz-color-surface);
    border: 1px solid var(--tz-color-border-strong);
    border-radius: var(--tz-radius-sm);
    box-shadow: var(--tz-shadow-xs);
    min-height: var(--tz-control-height);
    padding: 0 var(--tz-space-3);
    width: 100%;
    transition:
      border-color var(--tz-duration),
      box-shadow var(--tz-duration);
  }
  textarea {
    padding: var(--tz-space-2) var(--tz-space-3);
    min-height: 80px;
    resize: vertical;
  }
  input::placeholder,
  textarea::placeholder {
    color: #8a94a6;
  }
  input:hover,
  select:hover,
  textarea:hover {
    border-color: #b4bccb;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: none;
    border-color: var(--tz-color-focus);
    box-shadow: var(--tz-focus-ring);
  }
  input:disabled,
  select:disabled,
  textarea:disabled {
    background: var(--tz-color-surface-subtle);
    color: var(--tz-color-text-subtle);
    cursor: not-allowed;
  }
  [aria-invalid='true'] {
    border-color: var(--tz-color-danger);
  }
  [aria-invalid='true']:focus-visible {
    border-color: var(--tz-color-danger);
    box-shadow: 0 0 0 3px rgb(180 35 24 / 0.2);
  }
`
