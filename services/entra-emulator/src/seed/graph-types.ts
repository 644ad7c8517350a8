// Graph complex types shared by the seed records (see types.ts for the storage rule).

/** Graph `emailAddress`. */
export interface GraphEmailAddress {
  name: string
  address: string
}

/** Graph `recipient`. */
export interface GraphRecipient {
  emailAddress: GraphEmailAddress
}

/** Graph `itemBody`. */
export interface GraphItemBody {
  contentType: 'text' | 'html'
  content: string
}

/** Graph `dateTimeTimeZone`: local date-time without offset ("2025-06-02T09:30:00.0000000") + zone. */
export interface GraphDateTimeTimeZone {
  dateTime: string
  timeZone: string
}

/** Graph `identity` inside an `identitySet` (driveItem createdBy / lastModifiedBy). */
export interface GraphIdentity {
  id: string
  displayName: string
  /** SharePoint-backed drives add the user's email to the identity. */
  email: string
}
