/**
 * Design tokens: the one source of colour, spacing, radius, type and focus values for every Tessera screen.
 *
 * Tokens are CSS custom properties set on `:root`. Custom properties inherit through shadow roots, so every
 * `tz-*` element and every plugin element sees them once the shell has called {@link installTokens}. Colours are
 * picked for WCAG AA contrast: body text ≥ 7:1, muted text ≥ 4.5:1 on both `--tz-color-surface` and
 * `--tz-color-bg`, white on `--tz-color-accent` ≥ 6:1.
 */
import { css, unsafeCSS } from 'lit'
import type { CSSResult } from 'lit'

/** The token declarations (without a selector), so they can also be scoped to a test page or an iframe. */
export const tokenDeclarations = `
  --tz-font-sans: Inter, "Inter Variable", ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto,
    "Helvetica Neue", "Liberation Sans", Arial, sans-serif;
  --tz-font-mono: ui-monospace, "SF Mono", "JetBrains Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;

  --tz-text-xs: 0.75rem;
  --tz-text-sm: 0.8125rem;
  --tz-text-md: 0.875rem;
  --tz-text-lg: 1rem;
  --tz-text-xl: 1.25rem;
  --tz-text-2xl: 1.5rem;
  --tz-leading-tight: 1.25;
  --tz-leading-normal: 1.5;
  --tz-weight-normal: 400;
  --tz-weight-medium: 500;
  --tz-weight-semibold: 600;

  --tz-space-0: 2px;
  --tz-space-1: 4px;
  --tz-space-2: 8px;
  --tz-space-3: 12px;
  --tz-space-4: 16px;
  --tz-space-5: 20px;
  --tz-space-6: 24px;
  --tz-space-8: 32px;
  --tz-space-10: 40px;
  --tz-space-12: 48px;

  --tz-radius-sm: 6px;
  --tz-radius-md: 8px;
  --tz-radius-lg: 12px;
  --tz-radius-full: 999px;

  --tz-color-bg: #f6f7f9;
  --tz-color-surface: #ffffff;
  --tz-color-surface-subtle: #f9fafb;
  --tz-color-surface-hover: #f2f4f7;
  --tz-color-border: #e4e7ec;
  --tz-color-border-strong: #d0d5dd;
  --tz-color-text: #101828;
  --tz-color-text-muted: #475467;
  --tz-color-text-subtle: #5d6b82;
  --tz-color-text-inverse: #ffffff;

  --tz-color-accent: #4f46e5;
  --tz-color-accent-hover: #4338ca;
  --tz-color-accent-subtle: #eef2ff;
  --tz-color-accent-border: #c7d2fe;
  --tz-color-accent-text: #3730a3;

  --tz-color-danger: #b42318;
  --tz-color-danger-hover: #912018;
  --tz-color-danger-subtle: #fef3f2;
  --tz-color-danger-border: #fecdca;
  --tz-color-danger-text: #912018;

  --tz-color-success: #067647;
  --tz-color-success-subtle: #ecfdf3;
  --tz-color-success-border: #abefc6;
  --tz-color-success-text: #05603a;

  --tz-color-warning: #b54708;
  --tz-color-warning-subtle: #fffaeb;
  --tz-color-warning-border: #fedf89;
  --tz-color-warning-text: #93370d;

  --tz-color-neutral-subtle: #f2f4f7;
  --tz-color-neutral-border: #e4e7ec;
  --tz-color-neutral-text: #344054;

  --tz-color-focus: #6366f1;
  --tz-focus-ring: 0 0 0 3px rgb(99 102 241 / 0.35);

  --tz-shadow-xs: 0 1px 2px rgb(16 24 40 / 0.05);
  --tz-shadow-sm: 0 1px 3px rgb(16 24 40 / 0.08), 0 1px 2px rgb(16 24 40 / 0.04);
  --tz-shadow-lg: 0 12px 24px -6px rgb(16 24 40 / 0.16), 0 4px 8px -4px rgb(16 24 40 / 0.06);

  --tz-control-height: 36px;
  --tz-control-height-sm: 30px;
  --tz-duration: 120ms;
`

/** Tokens on `:root`, plus a calm document baseline (font, background, text colour). */
export const tokens: CSSResult = css`
  :root {
    ${unsafeCSS(tokenDeclarations)}
  }
  html {
    font-family: var(--tz-font-sans);
    font-size: 16px;
    color: var(--tz-color-text);
    background: var(--tz-color-bg);
    -webkit-font-smoothing: antialiased;
    text-rendering: optimizeLegibility;
  }
  body {
    margin: 0;
    font-size: var(--tz-text-md);
    line-height: var(--tz-leading-normal);
  }
`

/**
 * Adopts {@link tokens} into a document once (idempotent). The shell calls it at start-up; a standalone page or
 * a test page that uses the kit calls it too.
 */
export function installTokens(doc: Document = document): void {
  const sheet = tokens.styleSheet
  if (!sheet || doc.adoptedStyleSheets.includes(sheet)) return
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet]
}
