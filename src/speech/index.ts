// Public API of src/speech: the spoken face of the audio code reader.

export { type AudioConfig, configPath, readAudioConfig, updateAudioConfig } from './audio-config';
export type { PlayOptions, SpeechBackend, VoiceName } from './backend';
export { VOICE_NAMES } from './backend';
export * from './composer';
export {
  type AudioDevice,
  DEFAULT_DEVICE,
  listAudioDevices,
  parseAplayCards,
  parseAplayList,
  resolveDevice,
} from './devices';
export * from './errors';
export { ESPEAK_BASE_WPM, EspeakBackend, type EspeakOptions, type EspeakStrategy } from './espeak-backend';
export { FestivalBackend } from './festival-backend';
export {
  openReaderSpeaker,
  type ReaderSpeakerOptions,
  silentReason,
  speechDefaults,
} from './open-speaker';
export { AudioPlayer, type PlayerKind } from './player';
export { RECORDING_SAMPLE_RATE_HZ, type RecordedEvent, RecordingBackend } from './recording-backend';
export { SayBackend, type SayOptions } from './say-backend';
export { type BackendChoice, backendFor, chooseBackend, createSpeaker, parseVoice } from './select';
export { soxTempo } from './sox';
export {
  PLAYBACK_START_ALLOWANCE_MS,
  Speaker,
  type SpeakerListener,
  type SpeakerSettings,
  type SpeakOutcome,
} from './speaker';
export { applyGain, concatWavs, decodeWav, durationMs, encodeWav, silence, tone, trimSilence, type Wav } from './wav';
export {
  firstSoundFrame,
  gapsMs,
  medianPitchHz,
  type Segment,
  type SegmentOptions,
  voicedSegments,
} from './wav-analysis';
