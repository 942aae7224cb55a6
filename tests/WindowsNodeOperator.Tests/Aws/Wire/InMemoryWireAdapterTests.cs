namespace WindowsNodeOperator.Tests.Aws.Wire;

/// <summary>The adapters through <c>SimulatedAwsHandler</c>: the same bytes, no socket.</summary>
public sealed class InMemoryWireAdapterTests() : WireAdapterTests(overKestrel: false);
