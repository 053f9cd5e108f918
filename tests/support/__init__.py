"""What the tests share that is not a test: inputs, keys, the registration helper for calling
the mocks directly, the evaluated scenarios and the stand-in Pulumi engine."""
