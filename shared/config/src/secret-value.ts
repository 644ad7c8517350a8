// A configuration secret that renders as `[redacted]` wherever a config object may end up: string
// interpolation, JSON (pino, JSON.stringify) and util.inspect (console, REPL, test diffs). The value
// sits in a private field, so spreading or structured-cloning the object does not copy it either.
import { inspect } from 'node:util'

const REDACTED = '[redacted]'

/** A secret configuration value; call `reveal()` at the single place that needs the plain value. */
export interface Secret {
  reveal(): string
  toString(): string
  toJSON(): string
}

class SecretValue implements Secret {
  readonly #value: string

  constructor(value: string) {
    this.#value = value
  }

  reveal(): string {
    return this.#value
  }

  toString(): string {
    return REDACTED
  }

  toJSON(): string {
    return REDACTED
  }

  [Symbol.toPrimitive](): string {
    return REDACTED
  }

  [inspect.custom](): string {
    return REDACTED
  }

  static holds(value: unknown): value is SecretValue {
    return typeof value === 'object' && value !== null && #value in value
  }
}

export function createSecret(value: string): Secret {
  return Object.freeze(new SecretValue(value))
}

export function isSecret(value: unknown): value is Secret {
  return SecretValue.holds(value)
}
