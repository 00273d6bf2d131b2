import type { EventAttachmentTable } from '../../db/schema.js';
import { iso } from '../../http/common.schemas.js';

/** An attachment's metadata, as the service hands it out (never the storage key or the bytes). */
export interface AttachmentInfo {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  createdAt: Date;
}

type AttachmentRow = Pick<EventAttachmentTable, 'file_name' | 'mime' | 'size'> & { id: string; created_at: Date };

export function attachmentInfo(r: AttachmentRow): AttachmentInfo {
  return { id: r.id, fileName: r.file_name, mime: r.mime, size: r.size, createdAt: r.created_at };
}

export function presentAttachment(a: AttachmentInfo) {
  return { id: a.id, fileName: a.fileName, mime: a.mime, size: a.size, createdAt: iso(a.createdAt) };
}
