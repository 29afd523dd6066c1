import type { ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * Resolves with the match once `child` prints `ready` on stderr (a board process's ready line), or
 * rejects with everything it printed if it exits first. Its listeners are removed either way, so the
 * test can read stderr on its own afterwards.
 */
export function readyLine(
  child: ChildProcessWithoutNullStreams,
  name: string,
  ready: RegExp,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let err = '';
    const detach = () => {
      child.stderr.off('data', onData);
      child.off('exit', onExit);
    };
    const onData = (d: Buffer) => {
      err += d.toString();
      const m = ready.exec(err);
      if (m) {
        detach();
        resolve(m);
      }
    };
    const onExit = (code: number | null) => {
      detach();
      reject(new Error(`${name} exited ${code}: ${err}`));
    };
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
}
