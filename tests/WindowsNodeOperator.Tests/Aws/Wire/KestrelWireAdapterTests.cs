namespace WindowsNodeOperator.Tests.Aws.Wire;

/// <summary>The adapters over real HTTP to <c>SimulatedAwsServer</c> on a loopback port.</summary>
public sealed class KestrelWireAdapterTests() : WireAdapterTests(overKestrel: true);
