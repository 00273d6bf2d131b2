import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './mediation-sweep.repository.js';

export default sqlSnapshot('mediation-sweep', repo, {
  tryLockMediationSweep: (db) => repo.tryLockMediationSweep(db),
  lockDueCases: (db) => repo.lockDueCases(db, SAMPLE.now, 2000),
  applyTimeouts: (db) =>
    repo.applyTimeouts(
      db,
      [
        {
          event_id: SAMPLE.uuid,
          from_index: 0,
          kind: 'escalated',
          to_index: 1,
          to_key: 'township',
          unit_kind: 'justice_office',
          due_at: '2026-01-08T02:00:00.000Z',
          note: '村级 → 镇级(期限届满未化解)',
          public_note: '已提交上一级调解',
          title: '纠纷升级调解:E0001(村级 → 镇级)',
          body: '邻里纠纷',
        },
      ],
      SAMPLE.now,
      '系统',
    ),
});
