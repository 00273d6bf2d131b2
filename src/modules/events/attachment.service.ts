import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db, Executor } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import { cleanFileName, FILE_TYPES, type FileType, sniffFileType } from '../../kernel/file-type.js';
import { WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { type AttachmentInfo, attachmentInfo } from './attachment.presenter.js';
import * as repo from './attachment.repository.js';
import { attachRefusal, mayAttachToOwnStep } from './event.policy.js';
import { isFinished } from './event-state-machine.js';

export type { AttachmentInfo } from './attachment.presenter.js';

const MB = 1024 * 1024;
/** What staff may attach: photos and documents, at most 10 MB each. */
export const STAFF_UPLOAD = { types: ['jpeg', 'png', 'webp', 'pdf', 'docx'] as FileType[], maxBytes: 10 * MB };
/** What a resident may add after a public report: photos only, 5 MB each, 3 per event, within 24 h of the report. */
export const PUBLIC_UPLOAD = {
  types: ['jpeg', 'png', 'webp'] as FileType[],
  maxBytes: 5 * MB,
  maxPerEvent: 3,
  windowMs: 24 * 3_600_000,
};

export interface UploadedFile {
  fileName: string | undefined;
  data: Buffer;
}

const fileProblem = (
  id: 'unprocessable' | 'payload_too_large',
  key: string,
  params?: Record<string, string | number>,
) =>
  new AppError(
    id,
    key === 'attachment_too_large' ? 'payload_too_large' : 'unprocessable',
    [{ path: 'file', key, params }],
    params,
  );

export const tooLarge = (maxBytes: number) =>
  fileProblem('payload_too_large', 'attachment_too_large', { maxMb: maxBytes / MB });
export const fileRequired = () => fileProblem('unprocessable', 'attachment_file_required');

/**
 * Photos and documents of an event. The bytes live on disk under DATA_DIR/attachments/<yyyy>/<mm>/<uuid>,
 * written before the row: a failed transaction removes the file again, so a row never points at
 * nothing. The type is judged by the content, and the download always goes out as an attachment.
 */
export class AttachmentService {
  private readonly root: string;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    dataDir: string,
  ) {
    this.root = path.resolve(dataDir, 'attachments');
  }

  /** Checks size and content; answers the detected type and a clean file name. */
  check(file: UploadedFile, rules: { types: FileType[]; maxBytes: number }): { type: FileType; fileName: string } {
    if (file.data.length > rules.maxBytes) throw tooLarge(rules.maxBytes);
    if (file.data.length === 0) throw fileProblem('unprocessable', 'attachment_empty');
    const type = sniffFileType(file.data);
    if (!type || !rules.types.includes(type))
      throw fileProblem('unprocessable', 'attachment_type', { types: rules.types.join(', ') });
    return { type, fileName: cleanFileName(file.fileName, type) };
  }

  /**
   * Staff upload: the event must be in the actor's scope (404 otherwise), and the actor must act on it now (the event
   * policy: 403 for an account with nothing to do with it, 409 when the event is finished or past its part), unless
   * the file goes with a step the actor took in the last minutes (the photo with a feedback or a close).
   */
  async add(
    actor: Actor,
    eventId: string,
    file: UploadedFile,
    opts: { transitionId?: string | null } = {},
  ): Promise<AttachmentInfo> {
    const event = await repo.findEventInScope(this.db, actor.scope, eventId);
    if (!event) throw notFound();
    const transitionId = opts.transitionId ?? null;
    const step =
      transitionId !== null && /^\d{1,18}$/.test(transitionId)
        ? await repo.findTransitionOfEvent(this.db, transitionId, eventId)
        : undefined;
    if (!step || !mayAttachToOwnStep(actor, step, this.clock.now())) {
      const openTasks = await repo.listOpenTaskUnitIds(this.db, event.id);
      const refusal = attachRefusal(
        actor,
        event,
        openTasks.map((t) => t.unit_id),
      );
      if (refusal === 'forbidden') throw forbidden();
      if (refusal === 'state') throw conflict('attachment_event_state');
    }
    const checked = this.check(file, STAFF_UPLOAD);
    if (transitionId !== null && !step)
      throw new AppError('unprocessable', 'unprocessable', [
        { path: 'transitionId', key: 'attachment_transition_unknown' },
      ]);
    return this.store(
      event,
      checked,
      file.data,
      { userId: actor.userId, username: actor.username, ip: actor.ip },
      transitionId,
    );
  }

  /** A resident adds a photo to the event of a tracking code: open events only, within 24 h, 3 at most. */
  async addPublic(trackingCode: string, file: UploadedFile, ip: string | null): Promise<AttachmentInfo> {
    const event = await repo.findEventByTrackingCode(this.db, trackingCode);
    if (!event) throw notFound();
    const now = this.clock.now();
    if (isFinished(event.status) || now.getTime() - event.created_at.getTime() > PUBLIC_UPLOAD.windowMs) {
      throw conflict('attachment_public_closed');
    }
    const checked = this.check(file, PUBLIC_UPLOAD);
    if ((await this.publicCount(this.db, event.id)) >= PUBLIC_UPLOAD.maxPerEvent)
      throw conflict('attachment_public_limit', { max: PUBLIC_UPLOAD.maxPerEvent });
    return this.store(event, checked, file.data, { userId: null, username: 'public', ip }, null, async (trx) => {
      // Under the event's row lock, so parallel uploads cannot pass the limit together.
      await repo.lockEvent(trx, event.id);
      if ((await this.publicCount(trx, event.id)) >= PUBLIC_UPLOAD.maxPerEvent)
        throw conflict('attachment_public_limit', { max: PUBLIC_UPLOAD.maxPerEvent });
    });
  }

  private async publicCount(db: Executor, eventId: string): Promise<number> {
    const r = await repo.countPublicAttachments(db, eventId);
    return Number(r.n);
  }

  private async store(
    event: { id: string; county_code: string; grid_code: string },
    checked: { type: FileType; fileName: string },
    data: Buffer,
    who: { userId: string | null; username: string; ip: string | null },
    transitionId: string | null,
    guard?: (trx: Executor) => Promise<void>,
  ): Promise<AttachmentInfo> {
    const id = crypto.randomUUID();
    const now = this.clock.now();
    const [yyyy, mm] = WorkingCalendar.local(now).date.split('-') as [string, string];
    const storageKey = `${yyyy}/${mm}/${id}`;
    const file = this.pathOf(storageKey);
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    const mime = FILE_TYPES[checked.type].mime;
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(file, data, { flag: 'wx', mode: 0o640 });
    try {
      const row = await this.db.transaction().execute(async (trx) => {
        if (guard) await guard(trx);
        const r = await repo.insertAttachment(trx, {
          id,
          county_code: event.county_code,
          event_id: event.id,
          transition_id: transitionId,
          file_name: checked.fileName,
          mime,
          size: data.length,
          sha256,
          storage_key: storageKey,
          created_by: who.userId,
          created_at: now,
        });
        await this.audit.record(trx, who, {
          action: 'event.attachment',
          entityType: 'event_attachment',
          entityId: id,
          areaCode: event.grid_code,
          after: { eventId: event.id, fileName: checked.fileName, mime, size: data.length, sha256, transitionId },
        });
        return r;
      });
      return attachmentInfo(row);
    } catch (err) {
      await fs.promises.rm(file, { force: true });
      throw err;
    }
  }

  /** The attachments of an event the caller has already been allowed to see (for GET /api/events/:id). */
  async listFor(eventId: string): Promise<AttachmentInfo[]> {
    const rows = await repo.listAttachments(this.db, eventId);
    return rows.map(attachmentInfo);
  }

  /** The attachments of an event in the scope; 404 outside it. */
  async list(scope: Scope, eventId: string): Promise<AttachmentInfo[]> {
    await this.requireEvent(scope, eventId);
    return this.listFor(eventId);
  }

  /** One attachment's metadata and the path of its bytes; 404 when the event is outside the scope. */
  async open(
    scope: Scope,
    eventId: string,
    attachmentId: string,
  ): Promise<AttachmentInfo & { path: string; sha256: string }> {
    await this.requireEvent(scope, eventId);
    const r = await repo.findAttachment(this.db, eventId, attachmentId);
    if (!r) throw notFound();
    const file = this.pathOf(r.storage_key);
    if (!fs.existsSync(file)) throw new Error(`attachment ${r.id}: file missing at ${file}`);
    return { ...attachmentInfo(r), path: file, sha256: r.sha256 };
  }

  private async requireEvent(scope: Scope, eventId: string) {
    const e = await repo.findEventIdInScope(this.db, scope, eventId);
    if (!e) throw notFound();
  }

  private pathOf(storageKey: string): string {
    const file = path.resolve(this.root, storageKey);
    if (!file.startsWith(this.root + path.sep)) throw new Error(`bad storage key ${storageKey}`);
    return file;
  }
}
