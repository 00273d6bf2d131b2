import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults: port 8080, ./data, embedded database, demo auto', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, dataDir: './data', databaseUrl: undefined, demo: 'auto' });
    expect(c.sessionTtlMs).toBe(12 * 3600_000);
  });
  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(8080);
  });
  it('stops with a message naming each bad value', () => {
    const bad = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', FQ_DATA_KEY: 'short', DEMO: 'maybe' });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (err) {
      const msg = (err as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'FQ_DATA_KEY', 'DEMO']) expect(msg).toContain(name);
      expect(msg).toContain('must start with postgres://');
    }
  });
  it('accepts a PostgreSQL URL and a 32-byte key', () => {
    const key = Buffer.alloc(32, 3).toString('base64');
    const c = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      FQ_DATA_KEY: key,
      BASE_MAP_TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png',
      BASE_MAP_COORDS: 'gcj02',
    });
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/test');
    expect(c.baseMap).toEqual({
      tileUrl: 'https://tiles.example/{z}/{x}/{y}.png',
      coords: 'gcj02',
      attribution: '',
      tiles: ['https://tiles.example/{z}/{x}/{y}.png'],
      overlayTiles: [],
    });
  });
  it('writes audit checkpoints every 5 minutes under DATA_DIR unless told otherwise', () => {
    expect(loadConfig({ DATA_DIR: '/srv/fq' })).toMatchObject({
      auditCheckpointIntervalMs: 300_000,
      auditCheckpointDir: '/srv/fq/audit-checkpoints',
    });
    expect(loadConfig({ AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0', AUDIT_CHECKPOINT_DIR: '/mnt/worm/fq' })).toMatchObject({
      auditCheckpointIntervalMs: 0,
      auditCheckpointDir: '/mnt/worm/fq',
    });
    expect(() => loadConfig({ AUDIT_CHECKPOINT_INTERVAL_SECONDS: '-1' })).toThrow(/AUDIT_CHECKPOINT_INTERVAL_SECONDS/);
  });
});
