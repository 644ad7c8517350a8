// oidc-provider's storage for one tenant, in process memory: the emulator is one process that forgets
// everything on restart, like its per-run signing keys. Client lookups are answered from the app
// registrations. Adapter contract: https://github.com/panva/node-oidc-provider/blob/main/example/my_adapter.js
// Expiry follows the system clock because oidc-provider computes `expiresIn` from it.
import type { Adapter, AdapterPayload } from 'oidc-provider'

interface Entry {
  payload: AdapterPayload
  expiresAt: number | undefined
}

export interface ProviderStore {
  /** The adapter factory handed to oidc-provider (one adapter per model name). */
  adapter(model: string): Adapter
  /** Ids of live records of a model whose `accountId` is the user's object id. */
  idsOf(model: 'Grant' | 'Session', accountId: string): string[]
  destroy(model: string, id: string): void
}

const SWEEP_EVERY = 256
const done = Promise.resolve()

export function createProviderStore(
  clientMetadata: (clientId: string) => AdapterPayload | undefined,
): ProviderStore {
  const entries = new Map<string, Entry>()
  const sessionByUid = new Map<string, string>()
  let writes = 0

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key)
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      entries.delete(key)
      return undefined
    }
    return entry
  }
  const sweep = () => {
    const now = Date.now()
    for (const [key, entry] of entries)
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) entries.delete(key)
    for (const [uid, id] of sessionByUid) if (!entries.has(`Session:${id}`)) sessionByUid.delete(uid)
  }

  function adapter(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`
    return {
      upsert(id, payload, expiresIn) {
        entries.set(key(id), {
          payload,
          expiresAt: expiresIn === undefined ? undefined : Date.now() + expiresIn * 1000,
        })
        if (model === 'Session' && typeof payload.uid === 'string') sessionByUid.set(payload.uid, id)
        if (++writes % SWEEP_EVERY === 0) sweep()
        return done
      },
      find(id) {
        return Promise.resolve(model === 'Client' ? clientMetadata(id) : live(key(id))?.payload)
      },
      findByUid(uid) {
        const id = sessionByUid.get(uid)
        return Promise.resolve(id === undefined ? undefined : live(key(id))?.payload)
      },
      findByUserCode() {
        return Promise.resolve(undefined) // the device code flow is not enabled
      },
      consume(id) {
        const entry = live(key(id))
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000)
        return done
      },
      destroy(id) {
        entries.delete(key(id))
        return done
      },
      revokeByGrantId(grantId) {
        for (const [k, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(k)
        return done
      },
    }
  }

  return {
    adapter,
    idsOf(model, accountId) {
      const prefix = `${model}:`
      const ids: string[] = []
      for (const [k, entry] of entries) {
        if (k.startsWith(prefix) && entry.payload.accountId === accountId && live(k))
          ids.push(k.slice(prefix.length))
      }
      return ids
    },
    destroy(model, id) {
      entries.delete(`${model}:${id}`)
    },
  }
}
