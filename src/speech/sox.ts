import { runTool } from './process';
import { decodeWav, encodeWav, type Wav } from './wav';

export const SOX_PACKAGE = 'sox';

/**
 * Changes tempo by `factor` (2 = twice as fast) keeping pitch: sox's `tempo -s` (WSOLA tuned for speech),
 * unlike a resample or `speed`, which would raise the voice.
 */
export async function soxTempo(
  wav: Wav,
  factor: number,
  o: { env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {},
): Promise<Wav> {
  if (factor === 1) return wav;
  const r = await runTool('sox', ['-V1', '-t', 'wav', '-', '-t', 'wav', '-', 'tempo', '-s', factor.toFixed(3)], {
    debianPackage: SOX_PACKAGE,
    input: encodeWav(wav),
    env: o.env,
    signal: o.signal,
  });
  return decodeWav(r.stdout);
}
