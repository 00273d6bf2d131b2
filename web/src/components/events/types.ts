/** The event API as the web app sees it: aliases of the types generated from the server's OpenAPI document. */
import type { ApiItem, ApiResult } from '../../api/client';

export type EventRow = ApiItem<'/api/events'>;
export type EventDetail = ApiResult<'/api/events/{id}'>;

export type Deadline = EventRow['deadline'];
export type Centre = NonNullable<EventRow['centre']>;
export type Channel = EventRow['channel'];
export type Stage = NonNullable<EventRow['stage']>;
export type UnitRef = NonNullable<EventRow['leadUnit']>;
export type EventRef = NonNullable<EventRow['mergedInto']>;
export type LngLat = EventRow['location'];
export type Unit = ApiItem<'/api/units'>;

export type TimelineStep = EventDetail['timeline'][number];
export type CoHandlerTask = EventDetail['coHandlers'][number];
export type Mediation = NonNullable<EventDetail['mediation']>;
export type MediationLevel = Mediation['levels'][number];
export type MediationStep = Mediation['steps'][number];
export type Party = EventDetail['parties'][number];
export type PartyRole = Party['role'];
export type Attachment = EventDetail['attachments'][number];

export type Category = ApiResult<'/api/event-categories'>[number];
export type Notification = ApiItem<'/api/notifications'>;
export type MediationCase = ApiItem<'/api/mediation/cases'>;
export type Funnel = ApiResult<'/api/mediation/funnel'>;
