// How each Graph workload words its OData query errors. The directory (Entra) answers
// `Request_BadRequest` / `Request_UnsupportedQuery`; Outlook (mail, calendar, people) answers
// `BadRequest`, `RequestBroker--ParseUri` and `ErrorInvalidUrlQuery*`; OneDrive `invalidRequest`.
import { GraphError } from '../errors.js'
import type { GraphWorkload } from '../errors.js'

export interface ODataDialect {
  workload: GraphWorkload
  /** The malformed query option (syntax). */
  syntax(message: string): GraphError
  /** A property the entity type does not have. */
  unknownProperty(property: string, typeName: string): GraphError
  /** Valid OData the workload does not support here. */
  unsupported(message: string): GraphError
  /** Largest accepted `$top`. */
  maxTop: number
  /** The answer to a `$top` outside 1..maxTop or not an integer. */
  badTop(raw: string): GraphError
}

const noSuchProperty = (property: string, typeName: string) =>
  `Could not find a property named '${property}' on type '${typeName}'.`

export const DIRECTORY: ODataDialect = {
  workload: 'directory',
  syntax: (m) => new GraphError(400, 'Request_BadRequest', m),
  unknownProperty: (p, t) => new GraphError(400, 'Request_BadRequest', noSuchProperty(p, t)),
  unsupported: (m) => new GraphError(400, 'Request_UnsupportedQuery', m),
  maxTop: 999,
  badTop: (raw) =>
    new GraphError(
      400,
      'Request_UnsupportedQuery',
      `Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`,
    ),
}

export const OUTLOOK: ODataDialect = {
  workload: 'outlook',
  syntax: (m) => new GraphError(400, 'BadRequest', m),
  unknownProperty: (p, t) => new GraphError(400, 'RequestBroker--ParseUri', noSuchProperty(p, t)),
  unsupported: (m) => new GraphError(400, 'ErrorInvalidUrlQuery', m),
  maxTop: 1000,
  badTop: (raw) =>
    new GraphError(
      400,
      'ErrorInvalidUrlQuery',
      `The value '${raw}' of the query parameter '$top' is invalid.`,
    ),
}

export const DRIVE: ODataDialect = {
  workload: 'drive',
  syntax: (m) => new GraphError(400, 'invalidRequest', m),
  unknownProperty: (p, t) => new GraphError(400, 'invalidRequest', noSuchProperty(p, t)),
  unsupported: (m) => new GraphError(400, 'invalidRequest', m),
  maxTop: 999,
  badTop: (raw) =>
    new GraphError(400, 'invalidRequest', `Invalid value '${raw}' for the query option '$top'.`),
}
