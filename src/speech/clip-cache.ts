import type { Wav } from './wav';

/**
 * Synthesized clips of single digits, shared by every message that says them. An engine calls `clip`
 * with its key and how to make the clip: a cacheable clip is made once (with `cacheSignal`, which only
 * warm-up uses, since one caller's cancel must not kill a clip others share) and kept unless making it
 * failed; anything else is made afresh with the caller's `signal`.
 */
export class ClipCache {
  private readonly clips = new Map<string, Promise<Wav>>();

  clip(
    key: string,
    cacheable: boolean,
    make: (signal: AbortSignal | undefined) => Promise<Wav>,
    signal?: AbortSignal,
    cacheSignal?: AbortSignal,
  ): Promise<Wav> {
    if (!cacheable) return make(signal);
    const cached = this.clips.get(key);
    if (cached) return cached;
    const made = make(cacheSignal);
    this.clips.set(key, made);
    made.catch(() => this.clips.delete(key));
    return made;
  }
}
