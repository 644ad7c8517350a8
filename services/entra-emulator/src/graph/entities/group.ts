// Graph `group` (https://learn.microsoft.com/graph/api/resources/group) as served in directoryObject
// collections such as /me/memberOf.
import { INTERNAL_GROUP_FIELDS } from '../../seed/types.js'
import type { SeedGroup } from '../../seed/types.js'
import type { EntitySchema, GraphObject } from '../odata/schema.js'

export const GROUP_SCHEMA: EntitySchema = {
  typeName: 'microsoft.graph.group',
  resourceLabel: 'Group',
  properties: [
    'id',
    'deletedDateTime',
    'classification',
    'createdDateTime',
    'description',
    'displayName',
    'groupTypes',
    'mail',
    'mailEnabled',
    'mailNickname',
    'proxyAddresses',
    'renewedDateTime',
    'securityEnabled',
    'visibility',
  ],
  filterable: {
    id: 'string',
    displayName: 'string',
    description: 'string',
    mail: 'string',
    mailNickname: 'string',
    classification: 'string',
    visibility: 'string',
    mailEnabled: 'boolean',
    securityEnabled: 'boolean',
    createdDateTime: 'dateTime',
  },
  sortable: { displayName: 'string' },
}

export const GROUP_SEARCHABLE = ['displayName', 'description', 'mail', 'mailNickname']

export function toGraphGroup(group: SeedGroup): GraphObject {
  const out: GraphObject = { '@odata.type': '#microsoft.graph.group', ...group }
  for (const field of INTERNAL_GROUP_FIELDS) delete out[field]
  return out
}
