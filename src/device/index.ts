// Public API of src/device: DeviceClient (one exchange in flight, timeouts, events, reconnect) and discovery.

export * from './device-client';
export * from './discovery';
export * from './drift';
export * from './errors';
export * from './hid-discovery';
