import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, createPracticeServer, PracticeError } from '../../src/practice/index';
import { migrate, SCHEMA_VERSION } from '../../src/store/index';
import { Browser, practiceFixture } from './practice-helpers';

const practice = practiceFixture();

describe('practice server', () => {
  it('serves the home page in Danish by default, with the practice banner, CSP and a link to English', async () => {
    const { server } = await practice();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await server.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(res.body).toContain('<html lang="da">');
    expect(res.body).toContain('ØVELSE – ikke rigtig MitID');
    expect(res.body).toContain('href="/?lang=en"');
    expect(res.body).not.toMatch(/<script>|<style>|style="/);
  });

  it('switches to English with ?lang=en and remembers it in a cookie', async () => {
    const { server } = await practice();
    const browser = new Browser(server);
    const first = await browser.get('/?lang=en');
    expect(first.body).toContain('<html lang="en">');
    expect(first.body).toContain('PRACTICE – not real MitID');
    expect(browser.cookie('tk_lang')).toBe('en');
    const next = await browser.get('/');
    expect(next.body).toContain('<html lang="en">');
  });

  it('answers an unknown page with a 404 page in the page language, not JSON or a stack trace', async () => {
    const { server } = await practice();
    const da = await server.app.inject({ method: 'GET', url: '/nope' });
    expect(da.statusCode).toBe(404);
    expect(da.headers['content-type']).toContain('text/html');
    expect(da.body).toContain('Siden findes ikke.');
    const en = await server.app.inject({ method: 'GET', url: '/nope?lang=en' });
    expect(en.body).toContain('There is no such page.');
    expect(en.body).not.toMatch(/at .*\.ts:\d+|statusCode/);
  });

  it('serves scripts that parse, as JavaScript, cached only after a check', async () => {
    const { server } = await practice();
    for (const url of ['/static/forms.js', '/static/console.js']) {
      const res = await server.app.inject({ method: 'GET', url });
      expect(res.headers['content-type'], url).toContain('text/javascript');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(() => new Function(res.body), url).not.toThrow();
    }
  });

  it('adds its tables to an existing store by migration, keeping the tokens in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenkit-practice-migrate-'));
    try {
      const path = join(dir, 'old.db');
      const raw = new Database(path);
      migrate(raw, path, 2);
      raw
        .prepare(
          "INSERT INTO tokens (user, kind, secret, algorithm, digits, period_sec, t0_sec, created_at_ms, updated_at_ms) VALUES ('eva', 'totp', x'01', 'sha1', 6, 30, 0, 0, 0)",
        )
        .run();
      raw.close();
      const server = await createPracticeServer({ store: path });
      try {
        const tables = (
          server.ctx.db.db
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'practice_%'")
            .all() as {
            name: string;
          }[]
        ).map((r) => r.name);
        expect(tables.sort()).toEqual([
          'practice_events',
          'practice_learners',
          'practice_letters',
          'practice_login_requests',
          'practice_sessions',
          'practice_settings',
          'practice_tokens',
        ]);
        expect(server.ctx.store.get('eva')?.user).toBe('eva');
        expect(server.ctx.db.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a host beyond loopback without a trainer passphrase', async () => {
    const error = await createPracticeServer({ store: ':memory:', host: '0.0.0.0' }).catch((e) => e);
    expect(error).toBeInstanceOf(PracticeError);
    expect(error.kind).toBe('passphraseRequired');
  });
});
