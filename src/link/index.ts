// Public API of src/link: byte pipes to boards. The only layer that touches hardware APIs.
export * from './link';
export * from './memory-link';
export * from './serial-link';
export * from './traffic';
export * from './pty-pair';
export * from './hid-link';
export * from './hid-fake';
export * from './hid-socket';
