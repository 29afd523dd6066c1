import { type Lang, t } from '../../../i18n/index';
import { type EventMessage, MessageType } from '../../../protocol/index';
import { clockTime } from '../../render';

/** One board event as a line of `device watch`. */
export function eventLine(lang: Lang, e: EventMessage, atMs: number): string {
  const time = clockTime(atMs);
  switch (e.type) {
    case MessageType.BUTTON:
      return t(lang, 'cli.device.event.button', {
        time,
        long: e.long ? t(lang, 'cli.device.event.long') : '',
        host: e.host ? t(lang, 'cli.device.event.host') : '',
      });
    case MessageType.CODE_SHOWN:
      return t(lang, 'cli.device.event.code', {
        time,
        code: e.code,
        step: e.step,
        seconds: Math.ceil(e.remainingMs / 1000),
      });
    case MessageType.DISPLAY_OFF:
      return t(lang, 'cli.device.event.off', { time });
    case MessageType.BATTERY:
      return t(lang, 'cli.device.event.battery', {
        time,
        percent: e.percent,
        low: e.low ? t(lang, 'cli.device.event.low') : '',
      });
    case MessageType.ERROR:
      return t(lang, 'cli.device.event.error', { time, status: e.status });
  }
}
