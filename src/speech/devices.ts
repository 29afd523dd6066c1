import { SpeechInputError } from './errors';
import { runTool } from './process';

export interface AudioDevice {
  /** What --device takes. */
  name: string;
  description: string;
}

/** Always valid: the system's default output. */
export const DEFAULT_DEVICE = 'default';

/**
 * Parses `aplay -L`: an unindented line names a PCM, the indented lines under it describe it.
 */
export function parseAplayList(text: string): AudioDevice[] {
  const devices: AudioDevice[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) devices.push({ name: line.trim(), description: '' });
    else {
      const last = devices[devices.length - 1];
      if (last) last.description = last.description ? `${last.description}, ${line.trim()}` : line.trim();
    }
  }
  return devices;
}

/**
 * Parses `aplay -l` ("card 1: Headset [USB Headset], device 0: USB Audio [USB Audio]") into the
 * numeric forms people type: plughw:1,0 (converts format as needed) and hw:1,0 (raw).
 */
export function parseAplayCards(text: string): AudioDevice[] {
  const devices: AudioDevice[] = [];
  for (const m of text.matchAll(/^card (\d+): (\S+) \[([^\]]*)\], device (\d+): [^[]*\[([^\]]*)\]/gm)) {
    const [, card, , cardName, device, deviceName] = m;
    devices.push({ name: `plughw:${card},${device}`, description: `${cardName}, ${deviceName}` });
    devices.push({ name: `hw:${card},${device}`, description: `${cardName}, ${deviceName} (raw)` });
  }
  return devices;
}

/** Parses macOS `say -a '?'` ("   74 MacBook Pro Speakers"). */
export function parseSayDevices(text: string): AudioDevice[] {
  return [...text.matchAll(/^\s*(\d+)\s+(.+)$/gm)].map((m) => ({ name: m[2]!.trim(), description: `id ${m[1]}` }));
}

/** The outputs --device accepts, 'default' first. aplay missing → SpeechUnavailableError (alsa-utils). */
export async function listAudioDevices(
  o: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform } = {},
): Promise<AudioDevice[]> {
  const platform = o.platform ?? process.platform;
  const found: AudioDevice[] = [];
  if (platform === 'darwin') {
    const r = await runTool('say', ['-a', '?'], { debianPackage: 'say (part of macOS)', env: o.env });
    found.push(...parseSayDevices(r.stdout.toString()));
  } else if (platform !== 'win32') {
    const named = await runTool('aplay', ['-L'], { debianPackage: 'alsa-utils', env: o.env });
    found.push(...parseAplayList(named.stdout.toString()));
    // "no soundcards found" is not a failure: the named PCMs above may still be usable.
    const cards = await runTool('aplay', ['-l'], { debianPackage: 'alsa-utils', env: o.env }).catch(() => undefined);
    if (cards) found.push(...parseAplayCards(cards.stdout.toString()));
  }
  const out: AudioDevice[] = [{ name: DEFAULT_DEVICE, description: 'system default output' }];
  for (const d of found) if (!out.some((x) => x.name === d.name)) out.push(d);
  return out;
}

/** Returns `name` if it is a listed output; otherwise SpeechInputError{field:'device'} listing them. */
export async function resolveDevice(
  name: string,
  o: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform } = {},
): Promise<string> {
  const devices = await listAudioDevices(o);
  if (devices.some((d) => d.name === name)) return name;
  throw new SpeechInputError('device', 'speech.error.badDevice', {
    value: name,
    valid: devices.map((d) => d.name).join(', '),
  });
}
