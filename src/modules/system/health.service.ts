import type { Db } from '../../db/database.js';
import { pingDatabase } from './system.repository.js';

/** Liveness: the process answers and so does its database. */
export class HealthService {
  constructor(private readonly db: Db) {}

  /** Rejects when the database does not answer, so the health route fails with it. */
  async check(): Promise<void> {
    await pingDatabase(this.db);
  }
}
