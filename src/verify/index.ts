// Public API of src/verify: filled in by the layer's implementation.
export {};
