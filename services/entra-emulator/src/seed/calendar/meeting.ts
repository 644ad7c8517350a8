// A planned meeting, before it is written into each participant's calendar as a Graph event.

export interface Meeting {
  /** Stable key: the seed of the iCalUId and of each calendar copy's id. */
  key: string
  subject: string
  agenda: string
  organizerId: string
  /** Attendees other than the organizer. */
  attendeeIds: string[]
  /** Offset from the week anchor (Monday 00:00 UTC), in ms. */
  startOffset: number
  endOffset: number
  allDay: boolean
  /** Cancelled by the organizer: only attendees keep a copy. */
  cancelled: boolean
  online: boolean
  /** Room or place; null for none (online-only meetings show "Microsoft Teams Meeting"). */
  place: string | null
  /** Routine meetings (stand-ups) where every attendee has accepted. */
  allAccepted: boolean
  showAs: 'busy' | 'free' | 'workingElsewhere' | 'oof'
  sensitivity: 'normal' | 'personal'
}
