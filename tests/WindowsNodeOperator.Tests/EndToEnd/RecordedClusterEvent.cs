namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>A Kubernetes Event as it was created, with the sandbox time it was seen.</summary>
internal sealed record RecordedClusterEvent(DateTimeOffset Time, string Controller, string Type, string Reason, string Regarding, string Note);
