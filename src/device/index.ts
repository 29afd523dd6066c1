// Public API of src/device: filled in by the layer's implementation.
export {};
