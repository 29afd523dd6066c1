// Flashing the companion firmware: the shipped images, Intel HEX, avrdude, and the flash-to-demo-token workflow.

export * from './avrdude';
export * from './firmware-catalog';
export * from './flash-board';
