namespace WindowsNodeOperator.Reconciliation;

/// <summary>A refresh the operator started: its group, the AMI it rolls out and when it began.</summary>
internal sealed record LedgerRefresh(string Group, string ImageId, DateTimeOffset StartedAt);
