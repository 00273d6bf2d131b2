import { iso } from '../../http/common.schemas.js';
import type { RiskFirmService } from './risk-firm.service.js';

type FirmRow = Awaited<ReturnType<RiskFirmService['list']>>[number];
type FirmDetail = Awaited<ReturnType<RiskFirmService['get']>>;

/** A firm with its workload and average rating. */
export function presentFirm(f: FirmRow) {
  return {
    id: f.id,
    name: f.name,
    creditCode: f.credit_code,
    qualifications: f.qualifications,
    staffCount: f.staff_count,
    contact: f.contact,
    ties: f.ties.map((t) => ({ name: t.name, creditCode: t.creditCode ?? null, relation: t.relation })),
    status: f.status,
    openCount: f.open_count,
    totalCount: f.total_count,
    avgRating: f.avg_rating,
    ratingCount: f.rating_count,
  };
}

/** A firm and the matters it assessed inside the reader's scope, with the rating each earned. */
export function presentFirmWithHistory({ firm, history }: FirmDetail) {
  return {
    ...presentFirm(firm),
    history: history.map((h) => ({
      id: h.id,
      number: h.number,
      title: h.title,
      stage: h.stage,
      decision: h.decision,
      createdAt: iso(h.created_at),
      score: h.score,
      comment: h.comment,
    })),
  };
}
