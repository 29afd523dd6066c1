import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Lang } from '../i18n/index';
import type { VoiceName } from './backend';
import { SpeechError } from './errors';

/** The audio reader's saved defaults, under "audio" in tokenkit's config file. */
export interface AudioConfig {
  device?: string;
  voice?: VoiceName;
  lang?: Lang;
  ratePercent?: number;
  volumePercent?: number;
}

/** $TOKENKIT_CONFIG, else $XDG_CONFIG_HOME/tokenkit/config.json, else ~/.config/tokenkit/config.json. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TOKENKIT_CONFIG) return env.TOKENKIT_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'tokenkit', 'config.json');
}

async function readWhole(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new SpeechError('speech.error.config', { file, detail: (error as Error).message });
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new SpeechError('speech.error.config', { file, detail: (error as Error).message });
  }
}

/** The saved audio defaults ({} when there is no config file). A damaged file is a SpeechError. */
export async function readAudioConfig(env: NodeJS.ProcessEnv = process.env): Promise<AudioConfig> {
  const file = configPath(env);
  const audio = (await readWhole(file)).audio;
  if (audio === undefined) return {};
  if (typeof audio !== 'object' || audio === null)
    throw new SpeechError('speech.error.config', { file, detail: '"audio" is not an object' });
  return audio as AudioConfig;
}

/**
 * Merges `patch` into the saved audio defaults (undefined values remove a key) and writes the file
 * atomically: a temporary file in the same directory, then rename, so a crash never leaves half a file.
 * Other top-level keys in the file are kept as they are.
 */
export async function updateAudioConfig(
  patch: Partial<Record<keyof AudioConfig, unknown>>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AudioConfig> {
  const file = configPath(env);
  const whole = await readWhole(file);
  const audio: Record<string, unknown> = { ...((whole.audio as Record<string, unknown> | undefined) ?? {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete audio[key];
    else audio[key] = value;
  }
  whole.audio = audio;
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(whole, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new SpeechError('speech.error.config', { file, detail: (error as Error).message });
  }
  return audio as AudioConfig;
}
