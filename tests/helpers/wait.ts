/**
 * Polls until `predicate` holds, for things that run in real time (a board, a player, a terminal). This
 * waits; it asserts nothing about speed: the limit only turns a hang into a readable failure.
 */
export async function until(
  what: string,
  predicate: () => boolean,
  context: () => string = () => '',
  limitMs = 15_000,
  everyMs = 25,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`never saw ${what}${context() ? `; so far:\n${context()}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
