// Meeting subjects and agendas by department (fictional customers and projects only).

export interface Topic {
  subject: string
  agenda: string
}

const CROSS_FUNCTIONAL: Record<string, readonly Topic[]> = {
  Executive: [
    {
      subject: 'Board deck review',
      agenda: 'Walk through the draft board deck and collect owners for the open slides.',
    },
    { subject: 'Offsite logistics', agenda: 'Venue, travel and agenda for the leadership offsite.' },
  ],
  Engineering: [
    {
      subject: 'Architecture review: search service',
      agenda: 'Review the proposed indexing pipeline and its rollout plan.',
    },
    {
      subject: 'Incident review: checkout latency',
      agenda: 'Timeline, root cause and follow-up items from last week.',
    },
    {
      subject: 'Project Atlas release readiness',
      agenda: 'Go/no-go checklist, support readiness and launch comms.',
    },
  ],
  Sales: [
    {
      subject: 'Pipeline review with Finance',
      agenda: 'Quarter forecast, discount approvals and late-stage deals.',
    },
    {
      subject: 'Harborview Logistics renewal strategy',
      agenda: 'Renewal terms, expansion options and executive sponsor plan.',
    },
  ],
  Marketing: [
    {
      subject: 'Launch campaign sync',
      agenda: 'Messaging, channel plan and asset deadlines for the launch.',
    },
    { subject: 'Customer story pipeline', agenda: 'Candidate customers, approvals and interview schedule.' },
  ],
  Finance: [
    {
      subject: 'Budget review: Marketing',
      agenda: 'Spend to date against plan and reforecast for next quarter.',
    },
    {
      subject: 'Project Meridian data migration',
      agenda: 'Chart of accounts mapping and cut-over rehearsal.',
    },
  ],
  'Human Resources': [
    { subject: 'Engagement survey readout', agenda: 'Results by department and proposed actions.' },
    { subject: 'Hiring plan review', agenda: 'Open roles, interview loops and offer approvals.' },
  ],
  Legal: [
    {
      subject: 'Contract review: Alpine Ridge Foods',
      agenda: 'Redlines on liability and data protection terms.',
    },
  ],
  'IT Operations': [
    { subject: 'Device refresh planning', agenda: 'Laptop refresh waves, imaging and user communication.' },
  ],
  'Customer Support': [
    { subject: 'Escalation review', agenda: 'Open escalations, owners and customer updates.' },
  ],
}

const ALL_DAY: Record<string, Topic> = {
  Executive: { subject: 'Board meeting', agenda: 'Quarterly board meeting at headquarters.' },
  Engineering: { subject: 'Hackathon', agenda: 'Company hackathon day: demos at 16:00.' },
  Sales: {
    subject: 'Customer visit: Harborview Logistics',
    agenda: 'On site with the Harborview team all day.',
  },
  Marketing: { subject: 'Trade show booth duty', agenda: 'Staffing the Contoso booth.' },
  Finance: { subject: 'Quarter-end close', agenda: 'Close calendar: journal entries due by 15:00.' },
  'Human Resources': {
    subject: 'Benefits open enrollment opens',
    agenda: 'Enrollment window opens for all employees.',
  },
}

const CANCELLED: readonly Topic[] = [
  { subject: 'Vendor demo: Quarry Lane analytics', agenda: 'Product demo from Quarry Lane.' },
  { subject: 'Lunch and learn: accessibility basics', agenda: 'Brown-bag session on accessible documents.' },
  { subject: 'Process improvement workshop', agenda: 'Map the current intake process and pain points.' },
]

const FALLBACK_CROSS = CROSS_FUNCTIONAL['Engineering'] ?? []

export const crossFunctionalTopics = (department: string): readonly Topic[] =>
  CROSS_FUNCTIONAL[department] ?? FALLBACK_CROSS

export const allDayTopic = (department: string): Topic =>
  ALL_DAY[department] ?? { subject: 'Focus day', agenda: 'No meetings: deep work.' }

export const cancelledTopics = (): readonly Topic[] => CANCELLED

export const LUNCH_PLACES: readonly string[] = ['Cafe Lumiere', 'The Commons', 'Noodle Bar on 5th']

export const ROOMS: readonly string[] = [
  'Conf Room Rainier',
  'Conf Room Baker',
  'Conf Room Olympus',
  'Conf Room Adams',
  'Conf Room St. Helens',
]
