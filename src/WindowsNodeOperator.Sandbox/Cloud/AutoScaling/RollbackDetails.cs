namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>Why and since when an instance refresh is rolling back, and how far it has got.</summary>
public sealed record RollbackDetails(
    string RollbackReason,
    DateTimeOffset RollbackStartTime,
    int PercentageCompleteOnRollback,
    int InstancesToUpdateOnRollback);
