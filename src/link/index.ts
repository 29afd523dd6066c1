// Public API of src/link: byte pipes to boards. The only layer that touches hardware APIs.

export * from './hid-fake';
export * from './hid-link';
export * from './hid-socket';
export * from './link';
export * from './memory-link';
export * from './pty-pair';
export * from './rendezvous';
export * from './replay-link';
export * from './serial-link';
export * from './texts';
export * from './traffic';
