// Mail thread templates (fictional projects and customers). `{to}` and `{from}` are replaced by the
// first names of the recipient and the sender; `replies` are used in order for follow-ups.

export interface ThreadTemplate {
  subject: string
  opening: readonly string[]
  replies: readonly (readonly string[])[]
  urgent?: boolean
}

const GENERAL: readonly ThreadTemplate[] = [
  {
    subject: 'Quick question about the planning doc',
    opening: [
      'Do you have a minute to look at section 3 of the planning doc? I am not sure the timeline still holds.',
    ],
    replies: [
      ['Had a look. The timeline works if we move the review to next Thursday.'],
      ['Perfect, I will update the doc and send the invite.'],
    ],
  },
  {
    subject: 'Notes from our sync',
    opening: [
      'Here are my notes from today. Action items: 1) confirm owners, 2) share the draft by Friday, 3) book the follow-up.',
    ],
    replies: [
      ['Thanks for writing this up. I can take item 2.'],
      ['Great, I have put your name next to it.'],
    ],
  },
  {
    subject: 'Offsite agenda: feedback wanted',
    opening: ['Attached is the draft agenda for the offsite. Anything you would add or cut?'],
    replies: [
      ['Could we add thirty minutes for the roadmap Q&A?'],
      ['Done. Moved the break to make room.'],
      ['Looks good to me.'],
    ],
  },
  {
    subject: 'Coverage while I am out next week',
    opening: ['I will be out Monday to Wednesday next week. Could you cover the customer calls on Tuesday?'],
    replies: [['Sure, send me the context and the dial-in details.'], ['Sent. Thank you, I owe you one.']],
  },
  {
    subject: 'Welcome aboard!',
    opening: [
      'Welcome to the team! Let me know if you need anything while you get set up. Lunch on Thursday?',
    ],
    replies: [['Thank you! Thursday works for me.']],
  },
  {
    subject: 'Can you review this before Friday?',
    opening: [
      'I need a second pair of eyes on the proposal before it goes out on Friday. It is in the shared folder.',
    ],
    replies: [['Left a few comments, mostly on pricing assumptions.'], ['Thanks, addressed all of them.']],
    urgent: true,
  },
  {
    subject: 'Team lunch poll',
    opening: [
      'We are planning a team lunch. Please reply with your preferred day: Tuesday, Wednesday or Thursday.',
    ],
    replies: [['Wednesday for me.'], ['Wednesday it is. I will book a table.']],
  },
  {
    subject: 'Slides for the all-hands',
    opening: ['Could you send me your two slides for the all-hands by end of day tomorrow?'],
    replies: [['Here they are. Happy to trim if we are over time.']],
  },
  {
    subject: 'Follow-up on the customer escalation',
    opening: ['The customer asked for an update on the escalation. Do we have an ETA for the fix?'],
    replies: [['Fix is in review, we expect to ship it on Thursday.'], ['Thanks, I will let them know.']],
    urgent: true,
  },
  {
    subject: 'Mentoring session',
    opening: ['Thanks for offering to mentor me this quarter. Would every other Wednesday work?'],
    replies: [['Every other Wednesday is fine. I will send a recurring invite.']],
  },
  {
    subject: 'Training budget request',
    opening: [
      'I would like to attend the data visualization course next month. Is there training budget left this quarter?',
    ],
    replies: [['Yes, go ahead and submit the request, I will approve it.']],
  },
  {
    subject: 'Document access',
    opening: [
      'I cannot open the roadmap file you shared; it says I need permission. Could you check the sharing settings?',
    ],
    replies: [['Sorry about that, fixed. Try again now.'], ['Works now, thanks!']],
  },
  {
    subject: 'Interview feedback',
    opening: ["Please add your feedback for this morning's candidate to the hiring tool by end of day."],
    replies: [['Done. Strong on fundamentals, would like a second technical round.']],
  },
  {
    subject: 'Kudos for the launch',
    opening: [
      'Just wanted to say thank you for all the work on the launch. The customer feedback has been great.',
    ],
    replies: [['Thank you! It was a real team effort.']],
  },
]

const BY_DEPARTMENT: Record<string, readonly ThreadTemplate[]> = {
  Executive: [
    {
      subject: 'Board prep: travel and logistics',
      opening: ['Flights and hotel for the board meeting are booked. Itinerary attached.'],
      replies: [['Thanks. Can we move the Thursday dinner to 19:00?'], ['Done, the restaurant confirmed.']],
    },
    {
      subject: 'Calendar conflicts next week',
      opening: ['There are two conflicts on Tuesday afternoon. Which one should I move?'],
      replies: [['Please move the vendor call to Wednesday.']],
    },
  ],
  Engineering: [
    {
      subject: 'PR review: retry policy for the Graph client',
      opening: ['Could you review the retry policy change? It now honours Retry-After and caps the backoff.'],
      replies: [['Looks good. One nit on the jitter calculation.'], ['Fixed, merging after CI.']],
    },
    {
      subject: 'On-call handover',
      opening: [
        'Handing over on-call. One open incident: elevated 5xx on the search API, mitigated, root cause pending.',
      ],
      replies: [['Got it, I will keep an eye on the dashboards.']],
      urgent: true,
    },
    {
      subject: 'Design doc: tenant-aware caching',
      opening: ['Draft design doc for tenant-aware caching is ready for comments.'],
      replies: [
        ['Left comments on eviction. Otherwise in favour.'],
        ['Thanks, updated the eviction section.'],
      ],
    },
  ],
  Sales: [
    {
      subject: 'Harborview Logistics: renewal quote',
      opening: [
        'Harborview asked for the renewal quote with the expanded seat count. Can you approve the discount?',
      ],
      replies: [['Approved up to 12 percent.'], ['Thanks, sending the quote today.']],
      urgent: true,
    },
    {
      subject: 'Demo environment for Alpine Ridge Foods',
      opening: ['Can we get a demo tenant ready for Alpine Ridge by Wednesday?'],
      replies: [['Yes, I will set it up tomorrow morning.']],
    },
  ],
  Marketing: [
    {
      subject: 'Launch blog post draft',
      opening: ['Draft of the launch blog post is in the shared folder. Comments by Thursday please.'],
      replies: [['Great draft. Suggest a stronger opening paragraph.']],
    },
    {
      subject: 'Event sponsorship options',
      opening: [
        'Three sponsorship tiers for the regional conference are attached. Which one should we go for?',
      ],
      replies: [['Silver tier gives us the booth, let us go with that.']],
    },
  ],
  Finance: [
    {
      subject: 'Reforecast inputs due',
      opening: ['Reminder: department reforecast inputs are due this Friday.'],
      replies: [['Thanks, ours will be in by Thursday.']],
      urgent: true,
    },
    {
      subject: 'Variance analysis: Marketing spend',
      opening: ['Marketing is 8 percent over plan this quarter, mostly events. Can we walk through it?'],
      replies: [['Yes, Tuesday after the staff meeting?'], ['Tuesday works.']],
    },
  ],
  'Human Resources': [
    {
      subject: 'Promotion cycle timeline',
      opening: [
        'Here is the timeline for the promotion cycle: nominations open on the 1st, calibration two weeks later.',
      ],
      replies: [['Thanks. Can managers get the template early?'], ['Sharing it with managers today.']],
    },
    {
      subject: 'Offer approval: Senior Software Engineer',
      opening: ['Offer details for the Senior Software Engineer candidate are ready for approval.'],
      replies: [['Approved.']],
      urgent: true,
    },
  ],
  Legal: [
    {
      subject: 'NDA for Quarry Lane',
      opening: ['Quarry Lane sent back the NDA with two changes. Both look acceptable to me.'],
      replies: [['Agreed, please countersign.']],
    },
  ],
  'IT Operations': [
    {
      subject: 'Laptop refresh: your new device',
      opening: ['Your replacement laptop is ready for pick-up at the IT desk.'],
      replies: [['Thanks, I will come by tomorrow.']],
    },
  ],
  'Customer Support': [
    {
      subject: 'Escalation: export job failing',
      opening: ['A customer reports the nightly export job failing since Monday. Logs attached.'],
      replies: [['Looks like an expired credential. Rotating it now.']],
      urgent: true,
    },
  ],
}

export interface Announcement extends ThreadTemplate {
  /** Sent by the head of this department (the tenant's root user where there is none). */
  department: string
}

/** Company-wide announcements, sent to the all-company group and filed as "Other". */
export const ANNOUNCEMENTS: readonly Announcement[] = [
  {
    department: 'IT Operations',
    subject: 'Reminder: security awareness training',
    opening: ['Please complete the annual security awareness training by the end of the month.'],
    replies: [],
  },
  {
    department: 'Executive',
    subject: 'Office closure on the holiday',
    opening: [
      'All offices will be closed on the upcoming public holiday. Support on-call continues as usual.',
    ],
    replies: [],
  },
  {
    department: 'Human Resources',
    subject: 'Benefits open enrollment starts soon',
    opening: ['Open enrollment starts next week. Look out for the invitation to the benefits portal.'],
    replies: [],
  },
]

export function threadTemplates(department: string): readonly ThreadTemplate[] {
  return [...(BY_DEPARTMENT[department] ?? []), ...GENERAL]
}
