import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';

describe(`contract endpoints (${backend})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /api/health names the back end', async () => {
    const r = await t.api('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    expect(r.body.database).toBe(backend);
  });

  it('GET /api/openapi.json documents every route', async () => {
    const r = await t.api('GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/health',
      '/api/auth/login',
      '/api/areas/{code}',
      '/api/areas/{code}/geometry',
      '/api/areas/locate',
      '/api/audit/verify',
    ]) {
      expect(Object.keys(r.body.paths)).toContain(p);
    }
    expect(r.body.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual([
      'username',
      'password',
    ]);
  });

  it('serves the docs UI', async () => {
    const r = await t.api('GET', '/api/docs/');
    expect(r.status).toBe(200);
    expect(String(r.body)).toContain('swagger');
  });

  it('POST /api/auth/login returns a token; a wrong password answers 401', async () => {
    const ok = await t.api('POST', '/api/auth/login', { body: { username: 'demo-city', password: 'Demo@2026' } });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(ok.body.user.scope).toEqual({ code: '620700', level: 'city' });
    const bad = await t.api('POST', '/api/auth/login', { body: { username: 'demo-city', password: 'Demo@2025' } });
    expect(bad.status).toBe(401);
    expect(bad.body.error.id).toBe('invalid_credentials');
  });

  it('GET /api/areas/{code} answers the documented shape within scope', async () => {
    const token = await t.login('demo-city');
    const r = await t.api('GET', '/api/areas/620700', { token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code: '620700', name: '张掖市', level: 'city', parentCode: null });
    expect(r.body.children.map((c: { code: string }) => c.code)).toEqual([
      '620702',
      '620721',
      '620722',
      '620723',
      '620724',
      '620725',
    ]);
    const county = await t.api('GET', '/api/areas/620724', { token });
    expect(county.body).toMatchObject({ code: '620724', name: '高台县', level: 'county', parentCode: '620700' });
    // 高台县 has ten township-level units in the division table: nine towns and 甘肃高台工业园区.
    expect(county.body.children.length).toBe(10);
  });

  it('requires a token', async () => {
    const r = await t.api('GET', '/api/areas/620700');
    expect(r.status).toBe(401);
    const bogus = await t.api('GET', '/api/areas/620700', { token: 'not-a-token' });
    expect(bogus.status).toBe(401);
    // Authentication comes before validation: an anonymous bad body is a 401, not a list of field errors.
    const anonymous = await t.api('POST', '/api/events', { body: {} });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.fields).toBeUndefined();
  });

  it('answers bad input with 400 and field messages in the caller language', async () => {
    const zh = await t.api('POST', '/api/auth/login', { body: { username: '' } });
    expect(zh.status).toBe(400);
    expect(zh.body.error.id).toBe('validation_failed');
    expect(zh.body.error.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'password', message: '此项为必填项' })]),
    );
    const en = await t.api('POST', '/api/auth/login', {
      body: { username: '' },
      headers: { 'accept-language': 'en-US' },
    });
    expect(en.body.error.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'password', message: 'Required' })]),
    );
    const badJson = await t.api('POST', '/api/auth/login', {
      body: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const r = await t.api('GET', '/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error.id).toBe('not_found');
  });
});
