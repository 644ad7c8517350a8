/** What a test needs from tap's `t` to clean up after itself. */
export interface TeardownHost {
  teardown(fn: () => Promise<void> | void): void
}
