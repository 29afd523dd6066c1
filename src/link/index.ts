// Public API of src/link: filled in by the layer's implementation.
export {};
