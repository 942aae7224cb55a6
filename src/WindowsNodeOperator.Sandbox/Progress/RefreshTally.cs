using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

namespace WindowsNodeOperator.Sandbox.Progress;

/// <summary>The instance refreshes seen while observing (started since, or still running at the start) and how each ended.</summary>
internal sealed class RefreshTally(DateTimeOffset start)
{
    private readonly Dictionary<string, InstanceRefreshStatus> _statuses = new(StringComparer.Ordinal);

    public int Started => _statuses.Count;

    public int Succeeded => _statuses.Values.Count(s => s == InstanceRefreshStatus.Successful);

    public int Failed => _statuses.Values.Count(s => s is InstanceRefreshStatus.Failed or InstanceRefreshStatus.RollbackSuccessful or InstanceRefreshStatus.RollbackFailed);

    public int Cancelled => _statuses.Values.Count(s => s == InstanceRefreshStatus.Cancelled);

    public static bool IsActive(InstanceRefreshStatus status) =>
        status is InstanceRefreshStatus.Pending or InstanceRefreshStatus.InProgress or InstanceRefreshStatus.Cancelling or InstanceRefreshStatus.RollbackInProgress
            or InstanceRefreshStatus.Baking;

    public void Seen(InstanceRefreshInfo refresh)
    {
        if (_statuses.ContainsKey(refresh.InstanceRefreshId) || refresh.StartTime >= start || IsActive(refresh.Status))
        {
            _statuses[refresh.InstanceRefreshId] = refresh.Status;
        }
    }
}
