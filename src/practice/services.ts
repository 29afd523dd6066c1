import type { Lang } from '../i18n/index';
import { t } from '../i18n/index';

/** The practice services a learner can log in to: what they start, and the fraud drill's other text. */
export const PRACTICE_SERVICES = ['bank', 'council', 'pension'] as const;
export type PracticeService = (typeof PRACTICE_SERVICES)[number];

export function isPracticeService(value: string): value is PracticeService {
  return (PRACTICE_SERVICES as readonly string[]).includes(value);
}

export function serviceName(lang: Lang, service: PracticeService): string {
  return t(lang, `practice.service.${service}.name`);
}

/** What the learner starts (and approves when all is well). */
export function serviceAction(lang: Lang, service: PracticeService): string {
  return t(lang, `practice.service.${service}.action`);
}

/** What a fraud drill asks the learner to approve instead: not what they started. */
export function fraudAction(lang: Lang, service: PracticeService): string {
  return t(lang, `practice.service.${service}.fraud`);
}
