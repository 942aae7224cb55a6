namespace WindowsNodeOperator.Cloud;

/// <summary>Which instances Systems Manager manages (their SSM Agent reports), so Session Manager can reach them.</summary>
internal interface IManagedInstances
{
    /// <summary>The SSM ping status (<c>Online</c>, <c>ConnectionLost</c>) of each instance SSM knows; others are absent.</summary>
    Task<IReadOnlyDictionary<string, string>> PingStatusAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct);
}
