import { EventEmitter } from 'node:events';
import type { Clock } from '../clock';
import type { MessageKey } from '../i18n/index';
import type { PracticeDb } from './practice-db';

/**
 * Something that happened in the class, for the trainer console (live over server-sent events) and its
 * history. `detail` is small, non-secret JSON: never a password, code, passphrase or token secret.
 */
export interface PracticeEvent {
  id: number;
  atMs: number;
  learnerId: number | null;
  kind: string;
  detail: Record<string, string | number | boolean | null>;
}

/**
 * The class's event log: `record` writes a row to practice_events and tells every listener (the SSE
 * streams). Listeners are called synchronously after the write; one that throws does not stop the rest.
 */
type EventKindOf<K> = K extends `practice.event.${infer Kind}` ? Kind : never;
/** The kinds of class-log event: one per `practice.event.<kind>` text, so every event the site records has one. */
export type PracticeEventKind = EventKindOf<MessageKey>;

export class PracticeEvents {
  private readonly emitter = new EventEmitter();

  constructor(
    private readonly db: PracticeDb,
    private readonly clock: Clock,
  ) {
    // One SSE stream per open console tab: more than the default 10 is normal in a classroom.
    this.emitter.setMaxListeners(0);
  }

  record(kind: PracticeEventKind, learnerId: number | null, detail: PracticeEvent['detail'] = {}): PracticeEvent {
    const atMs = Math.floor(this.clock.nowMs());
    const info = this.db
      .sql('INSERT INTO practice_events (at_ms, learner_id, kind, detail) VALUES (?, ?, ?, ?)')
      .run(atMs, learnerId, kind, JSON.stringify(detail));
    const event: PracticeEvent = { id: Number(info.lastInsertRowid), atMs, learnerId, kind, detail };
    for (const listener of this.emitter.listeners('event') as ((e: PracticeEvent) => void)[]) {
      try {
        listener(event);
      } catch {
        // A closed stream's listener must not break the others; the stream removes itself on close.
      }
    }
    return event;
  }

  /** Calls `listener` for each new event; returns the function that stops it. */
  subscribe(listener: (event: PracticeEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** The newest `limit` events, newest first. */
  recent(limit: number): PracticeEvent[] {
    const rows = this.db
      .sql('SELECT id, at_ms, learner_id, kind, detail FROM practice_events ORDER BY id DESC LIMIT ?')
      .all(limit) as { id: number; at_ms: number; learner_id: number | null; kind: string; detail: string }[];
    return rows.map((r) => ({
      id: r.id,
      atMs: r.at_ms,
      learnerId: r.learner_id,
      kind: r.kind,
      detail: JSON.parse(r.detail) as PracticeEvent['detail'],
    }));
  }
}
