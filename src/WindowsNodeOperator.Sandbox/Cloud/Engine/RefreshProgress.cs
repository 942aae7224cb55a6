using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>PercentageComplete, InstancesToUpdate and the rollback's own progress, as DescribeInstanceRefreshes reports them.</summary>
internal static class RefreshProgress
{
    public static (int Percentage, int ToUpdate) Of(RefreshRecord refresh)
    {
        var forward = refresh.Forward;
        if (refresh.Status == InstanceRefreshStatus.Successful && forward.Remaining.Count == 0 && forward.AwaitingSurge.Count == 0)
        {
            return (100, 0);
        }

        if (refresh.Rollback is null)
        {
            // Old instances still in Terminating:Wait do not hold the figure back: a warm replacement counts.
            return (Percent(forward.Updated, forward.Total), forward.Total - forward.Updated);
        }

        // During a rollback PercentageComplete falls back toward zero as the new instances are replaced.
        var stillNew = forward.Launched.Count(i => i.Live && forward.Warmed.Contains(i.Id));
        return (Percent(Math.Min(stillNew, forward.Total), forward.Total), refresh.InstancesToUpdateAtRollback);
    }

    /// <summary>The rollback's details: snapshots of the moment it started, never live values (see <see cref="RefreshEngine.StartRollback"/>).</summary>
    public static RollbackDetails? RollbackOf(RefreshRecord refresh) =>
        refresh.Rollback is null
            ? null
            : new RollbackDetails(refresh.RollbackReason!, refresh.RollbackStartTime!.Value, refresh.PercentageCompleteAtRollback, refresh.InstancesToUpdateAtRollback);

    public static InstanceRefreshInfo ToInfo(RefreshRecord refresh)
    {
        var (percentage, toUpdate) = Of(refresh);
        return new InstanceRefreshInfo(
            refresh.Id,
            refresh.GroupName,
            refresh.Status,
            refresh.StatusReason,
            refresh.StartTime,
            refresh.EndTime,
            percentage,
            toUpdate,
            refresh.Preferences,
            refresh.DesiredConfiguration,
            RollbackOf(refresh));
    }

    private static int Percent(int done, int total) => total == 0 ? 0 : 100 * done / total;
}
