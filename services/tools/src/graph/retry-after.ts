// Retry-After is delay-seconds or an HTTP-date (RFC 9110 §10.2.3); Graph sends seconds, sometimes
// fractional (https://learn.microsoft.com/graph/throttling). Returns seconds, or undefined when the
// header is absent or unreadable.

export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined
  const text = value.trim()
  if (text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text)
  // HTTP-date in any of its three forms starts with the day name; Date.parse alone would read "-1".
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/.test(text)) return undefined
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, (date - nowMs) / 1000)
}
