import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/index';
import { decodeWav, parseAplayCards, parseAplayList, voicedSegments } from '../../src/speech/index';
import { runCli } from '../helpers/cli';
import { hasTool } from '../helpers/tools';
import { createAlsaFixture } from './alsa-fixture';

const oneLine = (stderr: string) => expect(stderr.trim().split('\n')).toHaveLength(1);

describe('device list parsers', () => {
  it('parses aplay -l card lines into plughw/hw names', () => {
    const text =
      'card 1: Headset [USB Headset], device 0: USB Audio [USB Audio]\n  Subdevices: 1/1\n  Subdevice #0: subdevice #0\n';
    expect(parseAplayCards(text)).toEqual([
      { name: 'plughw:1,0', description: 'USB Headset, USB Audio' },
      { name: 'hw:1,0', description: 'USB Headset, USB Audio (raw)' },
    ]);
  });
  it('parses aplay -L names with their indented descriptions', () => {
    expect(
      parseAplayList(
        'null\n    Discard all samples\nsysdefault:CARD=Headset\n    USB Headset, USB Audio\n    Default Audio Device\n',
      ),
    ).toEqual([
      { name: 'null', description: 'Discard all samples' },
      { name: 'sysdefault:CARD=Headset', description: 'USB Headset, USB Audio, Default Audio Device' },
    ]);
  });
});

describe.skipIf(!hasTool('espeak-ng', 'espeak-ng') || !hasTool('aplay', 'alsa-utils'))(
  'tokenkit speak and tokenkit audio',
  () => {
    const alsa = createAlsaFixture();
    const out = mkdtempSync(join(tmpdir(), 'tokenkit-speak-cli-'));
    afterAll(() => {
      alsa.cleanup();
      rmSync(out, { recursive: true, force: true });
    });
    beforeEach(() => {
      alsa.clearCaptures();
      rmSync(join(alsa.dir, 'config'), { recursive: true, force: true });
    });
    const env = () => ({ PATH: process.env.PATH, HOME: alsa.env.HOME, XDG_CONFIG_HOME: alsa.env.XDG_CONFIG_HOME });

    it.each(['da', 'en'] as const)('--wav in %s writes six separated digits', async (lang) => {
      const file = join(out, `code-${lang}.wav`);
      const r = await runCli(['speak', '452', '917', '--lang', lang, '--wav', file], env());
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(file);
      expect(voicedSegments(decodeWav(new Uint8Array(readFileSync(file))))).toHaveLength(6);
    });

    it('--text prints what is spoken; --remaining adds the validity', async () => {
      const r = await runCli(['speak', '452917', '--text', '--remaining', '23', '--wav', join(out, 'r.wav')], env());
      expect(r.stdout.split('\n')[0]).toBe('4 5 2, 9 1 7. Valid for 23 more seconds.');
    });

    it('plays on --device: the capture device receives six digits', async () => {
      const r = await runCli(['speak', '452917', '--device', alsa.captureDevice], env());
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const [capture] = alsa.captures();
      expect(voicedSegments({ sampleRateHz: capture!.rateHz, channels: 1, samples: capture!.samples })).toHaveLength(6);
    });

    it.each([
      [['speak', '12345'], /'12345' is not 6 to 10 digits/],
      [['speak', '45x917'], /not 6 to 10 digits/],
      [['speak', '452917', '--voice', 'robot'], /unknown voice 'robot': use one of espeak, festival, say/],
      [
        ['speak', '452917', '--device', 'nope'],
        /unknown audio output 'nope': use one of default, null, tk_capture, tk_fifo/,
      ],
      [['speak', '452917', '--rate', '300'], /speech rate '300' is not a whole number from 50 to 200/],
      [['speak', '452917', '--rate', 'fast'], /speech rate 'fast'/],
      [['speak', '452917', '--volume', '101'], /volume '101' is not a whole number from 0 to 100/],
      [['speak', '452917', '--remaining', '-3'], /remaining time '-3'/],
      [['speak', '452917', '--lang', 'fr'], /unknown language 'fr'/],
      [['audio', 'default', 'nope'], /unknown audio output 'nope'/],
    ])('%j → exit 2 with one clear line', async (argv, message) => {
      const r = await runCli(argv, env());
      expect(r.code).toBe(2);
      oneLine(r.stderr);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\bat \w+ \(/); // no stack trace
    });

    it('the errors are in Danish with --lang da', async () => {
      const r = await runCli(['speak', '12', '--lang', 'da'], env());
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/er ikke 6 til 10 cifre/);
    });

    it('a missing speech engine → exit 5 naming the Debian package', async () => {
      const r = await runCli(['speak', '452917'], { ...env(), PATH: '/nonexistent' });
      expect(r.code).toBe(5);
      oneLine(r.stderr);
      expect(r.stderr).toMatch(/apt-get install espeak-ng/);
    });

    it('audio devices without alsa-utils → exit 5 naming the package', async () => {
      const r = await runCli(['audio', 'devices'], { ...env(), PATH: '/nonexistent' });
      expect(r.code).toBe(5);
      oneLine(r.stderr);
      expect(r.stderr).toMatch(/'aplay' is not installed: install the Debian package 'alsa-utils'/);
    });

    it.skipIf(!hasTool('text2wave', 'festival'))(
      'festival in Danish without espeak-ng → exit 5 saying festival has no Danish voice',
      async () => {
        const bin = join(out, 'bin-festival-only');
        mkdirSync(bin, { recursive: true });
        for (const tool of ['sh', 'text2wave']) {
          const path = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
          symlinkSync(path, join(bin, tool));
        }
        const r = await runCli(['speak', '452917', '--voice', 'festival', '--lang', 'da'], { ...env(), PATH: bin });
        expect(r.code).toBe(5);
        expect(r.stderr).toMatch(/festival har ingen dansk stemme.*espeak-ng/); // --lang sets both languages
      },
    );

    it('festival in Danish with espeak-ng installed falls back to espeak-ng with a note', async () => {
      const file = join(out, 'fallback.wav');
      const r = await runCli(['speak', '452917', '--voice', 'festival', '--lang', 'da', '--wav', file], env());
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/festival har ingen dansk stemme/);
      expect(r.stdout).toMatch(/espeak/);
    });

    it('audio devices lists the ALSA outputs, text and --json', async () => {
      const json = await runCli(['audio', 'devices', '--json'], env());
      expect(json.code).toBe(0);
      const devices = JSON.parse(json.stdout) as { name: string; description: string; saved: boolean }[];
      expect(devices.map((d) => d.name)).toEqual(['default', 'null', 'tk_capture', 'tk_fifo']);
      expect(devices.find((d) => d.name === 'tk_capture')?.description).toBe('tokenkit test capture');
      const text = await runCli(['audio', 'devices'], env());
      expect(text.stdout).toMatch(/^ {2}tk_capture +tokenkit test capture$/m);
    });

    it('audio devices describes the system default in the chosen language', async () => {
      for (const lang of ['da', 'en'] as const) {
        const text = await runCli(['audio', 'devices', '--lang', lang], env());
        expect(text.stdout.split('\n')[0]).toMatch(
          new RegExp(`^ {2}default +${t(lang, 'cli.audio.devices.systemDefault')}$`),
        );
      }
      expect(t('da', 'cli.audio.devices.systemDefault')).not.toBe(t('en', 'cli.audio.devices.systemDefault'));
    });

    it('audio default saves the device (atomically, keeping other settings) and speak uses it', async () => {
      const configFile = join(alsa.env.XDG_CONFIG_HOME!, 'tokenkit', 'config.json');
      mkdirSync(join(alsa.env.XDG_CONFIG_HOME!, 'tokenkit'), { recursive: true });
      writeFileSync(configFile, JSON.stringify({ other: { keep: true } }));
      expect((await runCli(['audio', 'default'], env())).stdout).toMatch(/No saved output device/);
      const saved = await runCli(['audio', 'default', alsa.captureDevice], env());
      expect(saved.code).toBe(0);
      expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual({
        other: { keep: true },
        audio: { device: 'tk_capture' },
      });
      expect((await runCli(['audio', 'devices'], env())).stdout).toMatch(/^\* tk_capture/m);
      expect((await runCli(['audio', 'default'], env())).stdout).toMatch(/Output device: tk_capture/);
      expect((await runCli(['speak', '123456'], env())).code).toBe(0);
      expect(alsa.captures()).toHaveLength(1);
      // Rate, volume and language too: speak picks them up (the saved rate makes the audio shorter).
      const normal = join(out, 'normal.wav');
      const fast = join(out, 'fast.wav');
      expect((await runCli(['audio', 'default', '--rate', '150', '--volume', '60', '--lang', 'da'], env())).code).toBe(
        0,
      );
      expect(JSON.parse(readFileSync(configFile, 'utf8')).audio).toEqual({
        device: 'tk_capture',
        ratePercent: 150,
        volumePercent: 60,
        lang: 'da',
      });
      expect((await runCli(['speak', '123456', '--rate', '100', '--wav', normal], env())).code).toBe(0);
      const r = await runCli(['speak', '123456', '--text', '--wav', fast], env());
      expect(r.code).toBe(0);
      const phrase = await runCli(
        ['speak', '123456', '--text', '--remaining', '5', '--wav', join(out, 'phrase.wav')],
        env(),
      );
      expect(phrase.stdout.split('\n')[0]).toBe(`1 2 3, 4 5 6. ${t('da', 'speech.phrase.validFor', { n: 5 })}`); // spoken in the saved language
      expect(phrase.stdout).toMatch(/Wrote/); // messages still follow --lang and the locale
      const wavLength = (f: string) => decodeWav(new Uint8Array(readFileSync(f))).samples.length;
      expect(wavLength(fast)).toBeLessThan(wavLength(normal) * 0.8);
      expect((await runCli(['audio', 'default', '--rate', '500'], env())).code).toBe(2);
      expect((await runCli(['audio', 'default', '--clear'], env())).code).toBe(0);
      expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual({ other: { keep: true }, audio: {} });
    });

    it('a damaged config file → exit 2 naming the file', async () => {
      const dir = join(alsa.env.XDG_CONFIG_HOME!, 'tokenkit');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'config.json'), '{ not json');
      const r = await runCli(['speak', '452917', '--wav', join(out, 'x.wav')], env());
      expect(r.code).toBe(2);
      oneLine(r.stderr);
      expect(r.stderr).toContain(join(dir, 'config.json'));
    });

    it('an unwritable --wav path → exit 2 with one line', async () => {
      const r = await runCli(['speak', '452917', '--wav', join(out, 'no', 'such', 'dir', 'x.wav')], env());
      expect(r.code).toBe(2);
      oneLine(r.stderr);
      expect(r.stderr).toMatch(/cannot write the WAV file/);
    });
  },
);

describe('speak and audio default: contradictory options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-speak-misuse-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { PATH: '/nonexistent', XDG_CONFIG_HOME: dir };

  it.each(['da', 'en'] as const)('--wav with --device is one localized line, exit 2 (%s)', async (lang) => {
    const r = await runCli(
      ['speak', '452917', '--wav', join(dir, 'x.wav'), '--device', 'default', '--lang', lang],
      env,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tokenkit: ${t(lang, 'cli.speak.error.wavAndDevice')}\n`);
  });

  it('audio default --clear with a setting is refused instead of dropping the setting; --lang only picks the language', async () => {
    const configFile = join(dir, 'tokenkit', 'config.json');
    const r = await runCli(['audio', 'default', '--clear', '--rate', '120'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tokenkit: ${t('en', 'cli.audio.default.clearAndSet')}\n`);
    const cleared = await runCli(['audio', 'default', '--clear', '--lang', 'da'], env);
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toBe(`${t('da', 'cli.audio.default.cleared')}\n`);
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toEqual({ audio: {} });
  });
});
