// Outlook's `dateTimeTimeZone`: a wall-clock time ("2025-06-02T09:30:00.0000000", no offset) and a
// zone that may be a Windows name ("Pacific Standard Time") or an IANA name ("Europe/Paris").
// Graph answers in UTC unless `Prefer: outlook.timezone="…"` names another zone
// (https://learn.microsoft.com/graph/api/resources/datetimetimezone).

/** Windows zone ids Outlook clients commonly send, with their CLDR IANA equivalent. */
const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  UTC: 'UTC',
  'Coordinated Universal Time': 'UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'Russian Standard Time': 'Europe/Moscow',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'US Mountain Standard Time': 'America/Phoenix',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Alaskan Standard Time': 'America/Anchorage',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'India Standard Time': 'Asia/Calcutta',
  'China Standard Time': 'Asia/Shanghai',
  'Singapore Standard Time': 'Asia/Singapore',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'New Zealand Standard Time': 'Pacific/Auckland',
}

/** The IANA zone for an Outlook zone name, or undefined when it is not a zone Outlook knows. */
export function resolveTimeZone(name: string): string | undefined {
  const windows = Object.entries(WINDOWS_ZONES).find(([w]) => w.toLowerCase() === name.toLowerCase())
  if (windows) return windows[1]
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(name)) return undefined
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/

/** Offset of `zone` from UTC at instant `ms`, in milliseconds. */
function offsetAt(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms))
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return asUtc - Math.floor(ms / 1000) * 1000
}

/** The instant a wall-clock time in `zone` denotes, or undefined for a malformed time. */
export function zonedToInstant(local: string, zone: string): number | undefined {
  const m = LOCAL.exec(local)
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, frac] = m
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0))
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== Number(d)) return undefined
  const ms = Math.floor(Number(`0.${frac ?? '0'}`) * 1000)
  // Two passes settle the offset across a DST transition.
  let instant = wall - offsetAt(wall, zone)
  instant = wall - offsetAt(instant, zone)
  return instant + ms
}

/** Outlook's wall-clock spelling of an instant in `zone`: seven fractional digits, no offset. */
export function instantToZoned(ms: number, zone: string): string {
  const shifted = new Date(ms + offsetAt(ms, zone))
  const base = shifted.toISOString().slice(0, 19)
  const frac = String(shifted.getUTCMilliseconds()).padStart(3, '0')
  return `${base}.${frac}0000`
}

/** The zone a `Prefer: outlook.timezone="…"` header asks for, if any and known. */
export function preferredTimeZone(
  prefer: string | string[] | undefined,
): { name: string; iana: string } | undefined {
  const header = Array.isArray(prefer) ? prefer.join(',') : (prefer ?? '')
  const m = /outlook\.timezone\s*=\s*"([^"]+)"/i.exec(header)
  if (!m) return undefined
  const name = m[1] as string
  const iana = resolveTimeZone(name)
  return iana ? { name, iana } : undefined
}
