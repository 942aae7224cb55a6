namespace WindowsNodeOperator.Tests.Hosting;

/// <summary>
/// Tests that run the operator's host in this process, one at a time: OpenTelemetry joins instruments of the same
/// meter and name across every MeterProvider in a process, so two hosts at once would report into each other's series.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OperatorHosts
{
    public const string Name = "Operator hosts";
}
