// Public API of src/protocol: the pure wire protocol (docs/protocol.md). No I/O.
export * from './messages';
export * from './errors';
export * from './codec';
export { crc16, CRC16_CHECK, CRC16_INIT } from './crc16';
export { cobsEncode, cobsDecode, cobsMaxEncodedLength } from './cobs';
export * from './hid-packets';
