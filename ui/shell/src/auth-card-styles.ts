/**
 * The look of the signed-out screens (sign-in, forgot password, set password): a centred card under the Tessera mark.
 */
import { css } from 'lit'

export const authCardStyles = css`
  :host {
    display: grid;
    place-items: center;
    min-height: 100vh;
    padding: var(--tz-space-6);
    background:
      radial-gradient(1200px 500px at 50% -10%, #e8eafe 0%, transparent 60%),
      var(--tz-color-bg);
  }
  .wrap {
    width: min(400px, 100%);
  }
  .brand {
    display: flex;
    align-items: center;
    gap: var(--tz-space-2);
    justify-content: center;
    font-weight: var(--tz-weight-semibold);
    font-size: var(--tz-text-lg);
    margin-bottom: var(--tz-space-6);
    letter-spacing: -0.01em;
  }
  .card {
    background: var(--tz-color-surface);
    border: 1px solid var(--tz-color-border);
    border-radius: var(--tz-radius-lg);
    box-shadow: var(--tz-shadow-sm);
    padding: var(--tz-space-8);
  }
  h1 {
    margin: 0;
    font-size: var(--tz-text-xl);
    font-weight: var(--tz-weight-semibold);
    letter-spacing: -0.01em;
  }
  .lead {
    margin: var(--tz-space-1) 0 var(--tz-space-6);
    color: var(--tz-color-text-muted);
  }
  form {
    display: flex;
    flex-direction: column;
    gap: var(--tz-space-4);
  }
  tz-button {
    margin-top: var(--tz-space-2);
  }
  .foot {
    text-align: center;
    margin-top: var(--tz-space-6);
    font-size: var(--tz-text-sm);
    color: var(--tz-color-text-subtle);
  }
  .link {
    background: none;
    border: 0;
    padding: 0;
    font: inherit;
    font-size: var(--tz-text-sm);
    color: var(--tz-color-accent, #4f46e5);
    cursor: pointer;
    text-decoration: underline;
    align-self: flex-start;
  }
`
