import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MessageKey, t } from '../../src/i18n/index';
import { escapeHtml } from '../../src/practice/index';
import { Browser, startPractice } from './practice-helpers';
import { USER_ID_CASES } from './user-id-cases';

let practice: Awaited<ReturnType<typeof startPractice>>;
beforeAll(async () => {
  practice = await startPractice();
});
afterAll(() => practice.stop());

async function create(userId: string) {
  const browser = new Browser(practice.server);
  await browser.get('/create');
  return browser.post('/create', { seat: 'Bord 1', userId });
}

describe('user IDs through the real form (fastify inject, SQLite file)', () => {
  for (const c of USER_ID_CASES) {
    it(`${JSON.stringify(c.userId)}: ${c.problem ?? 'accepted'} (${c.why})`, async () => {
      practice.server.ctx.db.resetClass();
      for (const other of c.taken ?? []) expect((await create(other)).statusCode, other).toBe(303);
      const res = await create(c.userId);
      if (c.problem === null) {
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe('/create/password');
        return;
      }
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('role="alert"');
      expect(res.body).toContain('aria-invalid="true"');
      expect(res.body).toMatch(/aria-describedby="[^"]*userid-error/);
      const key = (c.problem === 'cpr' ? 'practice.cpr.refused' : `practice.userId.error.${c.problem}`) as MessageKey;
      expect(res.body).toContain(escapeHtml(t('da', key, { min: 5, max: 48 })));
      if (c.problem === 'cpr' || c.problem === 'notCpr') {
        // Not kept, and not shown again.
        expect(res.body).not.toContain(c.userId);
      } else if (c.userId.trim() !== '') {
        expect(res.body).toContain(`value="${escapeHtml(c.userId.normalize('NFC'))}"`);
      }
    });
  }
});
