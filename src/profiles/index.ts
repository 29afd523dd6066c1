// Public API of src/profiles: filled in by the layer's implementation.
export {};
