// Public API of src/store: filled in by the layer's implementation.
export {};
