// One error for the whole configuration, listing every bad key, so an operator fixes them all in one
// restart instead of one per restart.

export interface ConfigIssue {
  /** The environment variable name. */
  readonly key: string
  /** Human reason, e.g. `must be an integer between 1 and 65535 (got "99999")` or `required`. */
  readonly reason: string
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  readonly code = 'invalid_config'
  readonly issues: readonly ConfigIssue[]

  constructor(issues: readonly ConfigIssue[]) {
    super(formatIssues('Invalid configuration', issues))
    this.issues = issues
  }
}

function formatIssues(heading: string, issues: readonly ConfigIssue[]): string {
  return [`${heading}:`, ...issues.map((issue) => `  - ${issue.key}: ${issue.reason}`)].join('\n')
}

/** The startup message for a `ConfigError`, naming the service when given. */
export function formatConfigError(error: ConfigError, service?: string): string {
  const heading = service === undefined ? 'Invalid configuration' : `Invalid configuration for ${service}`
  return formatIssues(heading, error.issues)
}
