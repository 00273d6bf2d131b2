import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './user.repository.js';

export default sqlSnapshot('user', repo, {
  findUserForLogin: (db) => repo.findUserForLogin(db, 'demo-city'),
  findUser: (db) => repo.findUser(db, SAMPLE.countyScope, SAMPLE.uuid),
  listUsers: (db) => repo.listUsers(db, SAMPLE.countyScope, { q: 'demo', role: 'operator', limit: 50, offset: 0 }),
  insertUser: (db) =>
    repo.insertUser(
      db,
      {
        username: 'demo',
        display_name: '演示',
        password_hash: 'x',
        roles: ['operator'],
        scope_code: SAMPLE.countyCode,
        unit_id: null,
      },
      SAMPLE.now,
    ),
  updateUser: (db) => repo.updateUser(db, SAMPLE.uuid, { status: 'disabled' }, SAMPLE.now),
});
