using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

internal sealed class RefreshRecord
{
    public required string Id { get; init; }

    public required string GroupName { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public required RefreshPreferences Preferences { get; init; }

    public required DesiredConfiguration? DesiredConfiguration { get; init; }

    /// <summary>The group's launch template when the refresh started: what a rollback returns to.</summary>
    public required LaunchTemplateSpecification PreviousTemplate { get; init; }

    /// <summary>The group's mixed instances policy when the refresh started, if it had one: a rollback launches through it.</summary>
    public MixedInstancesPolicy? PreviousMixedInstancesPolicy { get; init; }

    public required ReplacementPass Forward { get; init; }

    public required TimeSpan Warmup { get; init; }

    public InstanceRefreshStatus Status { get; set; } = InstanceRefreshStatus.Pending;

    public string? StatusReason { get; set; }

    public DateTimeOffset? EndTime { get; set; }

    public ReplacementPass? Rollback { get; set; }

    public string? RollbackReason { get; set; }

    public DateTimeOffset? RollbackStartTime { get; set; }

    /// <summary>PercentageComplete as it stood when the rollback began.</summary>
    public int PercentageCompleteAtRollback { get; set; }

    /// <summary>InstancesToUpdate as it stood when the rollback began.</summary>
    public int InstancesToUpdateAtRollback { get; set; }

    /// <summary>Cancelled with WaitForTransitioningInstances false: ends at the next look, the launches and terminations under way left to finish on their own.</summary>
    public bool CancelWithoutWaiting { get; set; }

    public int CheckpointIndex { get; set; }

    public DateTimeOffset? PausedUntil { get; set; }

    /// <summary>When the bake time after the last replacement ends (status Baking until then).</summary>
    public DateTimeOffset? BakedAt { get; set; }

    /// <summary>Since when the refresh has been unable to make progress (replacements failing, or held instances); null while it moves.</summary>
    public DateTimeOffset? StalledSince { get; set; }

    /// <summary>The reason the refresh fails with if the stall lasts <see cref="Engine.RefreshEngine.NoProgressTimeout"/>.</summary>
    public string? StallFailure { get; set; }

    /// <summary>The stall is a wait for held instances (protected from scale in, in Standby): the next batch ends it.</summary>
    public bool StalledOnHeld { get; set; }

    public int LastReportedPercentage { get; set; } = -1;

    public ReplacementPass CurrentPass => Rollback ?? Forward;

    public bool IsActive => Status is InstanceRefreshStatus.Pending or InstanceRefreshStatus.InProgress
        or InstanceRefreshStatus.Cancelling or InstanceRefreshStatus.RollbackInProgress or InstanceRefreshStatus.Baking;
}
