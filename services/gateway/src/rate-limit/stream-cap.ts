// The cap on SSE streams one user (`sub`) holds open at once (ATTACKS F49: thousands of idle
// streams per token would pin sockets and replica memory long after the rate limit, which counts
// requests, has let them in). Counted per gateway replica, in memory: a shared count would need
// leases that outlive a replica killed with its streams open, whereas the shared rate limit already
// bounds how fast a user opens streams across replicas. A user may thus hold up to
// `max` × replicas streams. `max` 0 disables the cap.

export interface StreamCap {
  /** Claims a slot for `sub`: a release function (idempotent), or null when `sub` is at the cap. */
  acquire(sub: string): (() => void) | null
  /** Streams `sub` holds open on this replica. */
  count(sub: string): number
}

export function createStreamCap(max: number): StreamCap {
  const open = new Map<string, number>()
  const count = (sub: string) => open.get(sub) ?? 0
  return {
    count,
    acquire(sub) {
      if (max === 0) return () => {}
      const held = count(sub)
      if (held >= max) return null
      open.set(sub, held + 1)
      let released = false
      return () => {
        if (released) return
        released = true
        const left = count(sub) - 1
        // Entries of users with no stream are dropped: the map is bounded by users streaming now.
        if (left <= 0) open.delete(sub)
        else open.set(sub, left)
      }
    },
  }
}
