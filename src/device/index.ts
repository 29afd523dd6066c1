// Public API of src/device: DeviceClient (one exchange in flight, timeouts, events, reconnect) and discovery.

export * from './board-speech';
export * from './boot-wait';
export * from './device-client';
export * from './discovery';
export * from './display-driver';
export * from './drift';
export * from './errors';
export * from './flash/index';
export * from './hid-discovery';
export * from './open-board';
export * from './provision';
export * from './watch';
