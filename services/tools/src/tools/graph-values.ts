// Reading loosely typed Graph JSON: Graph sends null for unset properties; our results omit them.

export type GraphRecord = Record<string, unknown>

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

export function record(value: unknown): GraphRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as GraphRecord) : {}
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : []
}

/** An emailAddress-shaped value ({ name, address }) as "Name <address>". */
export function mailbox(value: unknown): string | undefined {
  const e = record(record(value).emailAddress)
  const name = str(e.name)
  const address = str(e.address)
  if (name && address) return `${name} <${address}>`
  return address ?? name
}

/** Drops undefined properties so structured results carry only what Graph knew. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
