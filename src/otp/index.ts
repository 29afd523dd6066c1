// Public API of src/otp: filled in by the layer's implementation.
export {};
