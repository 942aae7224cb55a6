namespace WindowsNodeOperator.Runtime.Events;

/// <summary>What makes two events "the same" for aggregation into a series.</summary>
internal sealed record EventKey(string? ApiVersion, string? Kind, string Namespace, string? Name, string? Uid, string Reason, string Action, string Type, string? Note);
