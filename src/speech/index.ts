// Public API of src/speech: the spoken face of the audio code reader.
export type { SpeechBackend, VoiceName, PlayOptions } from './backend';
export { VOICE_NAMES } from './backend';
export * from './composer';
export * from './errors';
export { EspeakBackend, ESPEAK_BASE_WPM, type EspeakOptions, type EspeakStrategy } from './espeak-backend';
export { FestivalBackend } from './festival-backend';
export { SayBackend, type SayOptions } from './say-backend';
export { RecordingBackend, RECORDING_SAMPLE_RATE_HZ, type RecordedEvent } from './recording-backend';
export { AudioPlayer, type PlayerKind } from './player';
export { Speaker, type SpeakerSettings, type SpeakOutcome, type SpeakerListener } from './speaker';
export { chooseBackend, createSpeaker, parseVoice, backendFor, type BackendChoice } from './select';
export { listAudioDevices, resolveDevice, parseAplayList, parseAplayCards, DEFAULT_DEVICE, type AudioDevice } from './devices';
export { readAudioConfig, updateAudioConfig, configPath, type AudioConfig } from './audio-config';
export { type Wav, encodeWav, decodeWav, durationMs, concatWavs, silence, tone, applyGain, trimSilence } from './wav';
export { voicedSegments, gapsMs, medianPitchHz, firstSoundFrame, type Segment, type SegmentOptions } from './wav-analysis';
export { soxTempo } from './sox';
