/** The event API as the web app sees it (src/http/routes/event*.ts). */
export type Deadline = 'normal' | 'yellow' | 'red';
export type Centre = 'dispute' | 'convenience' | 'government' | 'operations';
export type Channel = 'desk' | 'grid' | 'hotline' | 'public' | 'api';
export type Stage = 'accept' | 'dispatch' | 'handle' | 'verify';
export type PartyRole = 'reporter' | 'applicant' | 'respondent' | 'other';

export interface UnitRef {
  id: string;
  name: string;
  kind: string;
}
export interface Unit extends UnitRef {
  code: string;
  areaCode: string;
  status: string;
}
export interface EventRef {
  id: string;
  number: string;
}
export interface LngLat {
  lng: number;
  lat: number;
}

export interface EventRow {
  id: string;
  number: string;
  trackingCode: string;
  status: string;
  gridCode: string;
  countyCode: string;
  categoryCode: string;
  categoryName: string;
  channel: Channel;
  description: string;
  address: string | null;
  location: LngLat;
  dueAt: string;
  createdAt: string;
  closedAt: string | null;
  rating: string | null;
  reporterPhoneMasked: string | null;
  deadline: Deadline;
  centre: Centre | null;
  receivingUnit: UnitRef | null;
  ownerUnit: UnitRef | null;
  leadUnit: UnitRef | null;
  stage: Stage | null;
  stageDueAt: string | null;
  supervised: boolean;
  escalationLevel: number;
  isDispute: boolean;
  possibleDuplicateOf: EventRef | null;
  mergedInto: EventRef | null;
  suggestedUnit: UnitRef | null;
}

export interface TimelineStep {
  at: string;
  actor: string;
  action: string;
  from: string | null;
  to: string;
  note: string | null;
  unit?: string | null;
  id?: string;
  attachments?: Array<{ id: string; fileName: string }>;
}

export interface CoHandlerTask {
  id: string;
  unit: UnitRef;
  task: string;
  status: 'open' | 'done' | 'cancelled';
  dueAt: string | null;
  overdue: boolean;
  feedback: string | null;
  doneAt: string | null;
}

export interface MediationLevel {
  key: string;
  name: string;
  nameEn: string;
  workingDays: number;
}
export interface MediationStep {
  levelIndex: number;
  levelKey: string;
  startedAt: string;
  dueAt: string | null;
  endedAt: string | null;
  result: 'resolved' | 'failed' | 'timeout' | null;
  note: string | null;
  actor: string | null;
}
export interface Mediation {
  status: 'open' | 'resolved' | 'exhausted' | 'withdrawn';
  levelIndex: number;
  levelKey: string;
  levelDueAt: string | null;
  levelUnit: UnitRef | null;
  outcome: string | null;
  agreement: string | null;
  levels: MediationLevel[];
  steps: MediationStep[];
}

export interface Party {
  id: string;
  role: PartyRole;
  nameMasked: string;
  phoneMasked: string | null;
  personId: string | null;
}
export interface Attachment {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  createdAt: string;
}

export interface EventDetail extends EventRow {
  actions: string[];
  timeline: TimelineStep[];
  coHandlers: CoHandlerTask[];
  mediation: Mediation | null;
  parties: Party[];
  attachments: Attachment[];
  mediationActions: Array<'resolve' | 'fail'>;
  canAddCoHandler: boolean;
  canMerge: boolean;
}

export interface Category {
  code: string;
  name: string;
  nameEn: string;
  children: Array<{ code: string; name: string; nameEn: string; limitWorkingDays: number }>;
}

export interface Notification {
  id: string;
  kind: 'task' | 'co_task' | 'warning' | 'overdue' | 'returned' | 'mediation' | 'supervision' | 'duplicate';
  eventId: string | null;
  title: string;
  body: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface MediationCase {
  eventId: string;
  number: string;
  categoryName: string;
  gridCode: string;
  levelKey: string;
  levelName: string;
  levelDueAt: string | null;
  status: Mediation['status'];
  deadline: Deadline;
}

export interface Funnel {
  areaCode: string;
  total: number;
  open: number;
  exhausted: number;
  levels: Array<{ key: string; name: string; resolved: number; share: number }>;
}
