namespace WindowsNodeOperator.Tests.Reconciliation;

internal sealed record RecordedEvent(string Kind, string Name, string Type, string Reason, string Note);
