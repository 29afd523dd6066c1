// Public API of src/protocol: the pure wire protocol (docs/protocol.md). No I/O.

export { cobsDecode, cobsEncode, cobsMaxEncodedLength } from './cobs';
export * from './codec';
export { CRC16_CHECK, CRC16_INIT, crc16 } from './crc16';
export * from './errors';
export * from './hid-packets';
export * from './intel-hex';
export * from './messages';
