// Public API of src/protocol: filled in by the layer's implementation.
export {};
