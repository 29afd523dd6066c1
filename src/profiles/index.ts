// Public API of src/profiles: the schema of devices/ and the shipped profiles and boards.

export * from './builtin';
export * from './schema';
