/**
 * The error thrown when the configuration does not validate. Its message names every bad key (as a JSON pointer) and,
 * where the value came from an environment variable, that variable, so an operator can fix it without reading code.
 */

/** One invalid configuration value. */
export interface ConfigIssue {
  /** JSON pointer of the bad key, e.g. `/http/port`. */
  pointer: string
  message: string
  /** The environment variable the value came from, when it came from one. */
  source?: string
}

/** Thrown by `loadConfig` when the merged configuration is invalid. */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[]
  constructor(issues: ConfigIssue[]) {
    super(
      'Invalid Tessera configuration:\n' +
        issues.map((i) => `  - ${i.pointer || '/'} ${i.message}${i.source ? ` (set by ${i.source})` : ''}`).join('\n'),
    )
    this.name = 'ConfigError'
    this.issues = issues
  }
}
