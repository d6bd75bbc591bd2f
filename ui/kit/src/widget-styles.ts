/**
 * Styles for dashboard widgets (`ui.widgets`): the shell draws the card and its title; a widget element renders the
 * body with these classes so every plugin's widget reads alike.
 *
 * - `.figure` (with `.figure-label`): one big number — "3 overdue", "7 of 12 desks taken";
 * - `ul.items` of `li` rows: a `.item-main` (`.item-title` + `.item-sub`) and an optional `.item-side` (time, badge,
 *   small button);
 * - `.meter` with a `span` of `width: N%`: an occupancy bar (`.meter.high` when nearly full);
 * - `.quiet`: the widget's empty state, one sentence; `.widget-footer`: a link to the full screen.
 */
import { css } from 'lit'

/** The widget body classes (see the module comment). */
export const widgetStyles = css`
  :host { display: block; font-size: var(--tz-text-md); }
  .figure { font-size: var(--tz-text-2xl); font-weight: var(--tz-weight-semibold); line-height: var(--tz-leading-tight); }
  .figure-label { color: var(--tz-color-text-muted); font-size: var(--tz-text-sm); }
  ul.items { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: minmax(0, 1fr); }
  ul.items li { display: flex; align-items: center; gap: var(--tz-space-3); padding: var(--tz-space-2) 0; border-top: 1px solid var(--tz-color-border); }
  ul.items li:first-child { border-top: 0; }
  .item-main { flex: 1; min-width: 0; }
  .item-title { font-weight: var(--tz-weight-medium); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .item-sub { color: var(--tz-color-text-muted); font-size: var(--tz-text-sm); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .item-side { display: flex; align-items: center; gap: var(--tz-space-2); flex: none; font-size: var(--tz-text-sm); color: var(--tz-color-text-muted); }
  .meter { height: 6px; border-radius: 3px; background: var(--tz-color-surface-subtle); overflow: hidden; }
  .meter > span { display: block; height: 100%; background: var(--tz-color-accent); border-radius: 3px; }
  .meter.high > span { background: var(--tz-color-warning); }
  .quiet { color: var(--tz-color-text-muted); margin: var(--tz-space-2) 0; }
  .widget-footer { margin-top: var(--tz-space-3); font-size: var(--tz-text-sm); }
  .widget-footer a { color: var(--tz-color-accent); text-decoration: none; font-weight: var(--tz-weight-medium); }
  .widget-footer a:hover { text-decoration: underline; }
  h3 { font-size: var(--tz-text-sm); font-weight: var(--tz-weight-semibold); color: var(--tz-color-text-muted); margin: var(--tz-space-3) 0 var(--tz-space-1); text-transform: uppercase; letter-spacing: 0.03em; }
`
