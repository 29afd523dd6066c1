// Public API of src/terminal: the drawn and the plain face of a token in a terminal.

export * from './big-digits';
export * from './layout';
export * from './painter';
export * from './terminal-sim';
