// Public API of src/speech: filled in by the layer's implementation.
export {};
