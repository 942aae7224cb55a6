using WindowsNodeOperator.Cloud;
using Sim = WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using SimEc2 = WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Hosting.SimulatedAws;

/// <summary>The port's Auto Scaling records to the simulated account's, and back.</summary>
internal static class AutoScalingShapes
{
    public static AutoScalingGroup Group(Sim.AutoScalingGroupInfo group) => new(
        group.AutoScalingGroupName,
        group.MinSize,
        group.MaxSize,
        group.DesiredCapacity,
        Template(group.LaunchTemplate),
        new Dictionary<string, string>(group.Tags, StringComparer.Ordinal),
        [.. group.Instances.Select(i => new AutoScalingInstance(
            i.InstanceId,
            i.AvailabilityZone,
            Sim.LifecycleStateNames.ToAwsName(i.LifecycleState),
            i.HealthStatus,
            i.LaunchTemplate.Version,
            // The simulation does not model scale-in protection.
            ProtectedFromScaleIn: false))]);

    public static bool Matches(Sim.AutoScalingGroupInfo group, IReadOnlyCollection<AutoScalingTagFilter> filters) =>
        filters.All(f => group.Tags.TryGetValue(f.Key, out var value) && (f.Values.Count == 0 || f.Values.Contains(value, StringComparer.Ordinal)));

    public static LaunchTemplateRef Template(SimEc2.LaunchTemplateSpecification spec) =>
        new(spec.LaunchTemplateId, spec.LaunchTemplateName, spec.Version);

    public static SimEc2.LaunchTemplateSpecification Template(LaunchTemplateRef template) =>
        new(template.Id, template.Id is null ? template.Name : null, template.Version);

    /// <summary>
    /// The preferences the simulation models; a null keeps the service default. Scale-in protection, standby and
    /// bake time are not modelled (the simulated groups have no protected or standby instances).
    /// </summary>
    public static Sim.RefreshPreferences Preferences(InstanceRefreshPreferences p)
    {
        var defaults = new Sim.RefreshPreferences();
        return new Sim.RefreshPreferences
        {
            MinHealthyPercentage = p.MinHealthyPercentage ?? defaults.MinHealthyPercentage,
            MaxHealthyPercentage = p.MaxHealthyPercentage,
            InstanceWarmup = Seconds(p.InstanceWarmup),
            CheckpointPercentages = p.CheckpointPercentages,
            CheckpointDelay = Seconds(p.CheckpointDelay) ?? defaults.CheckpointDelay,
            SkipMatching = p.SkipMatching ?? defaults.SkipMatching,
            AutoRollback = p.AutoRollback ?? defaults.AutoRollback,
        };
    }

    public static InstanceRefresh Refresh(Sim.InstanceRefreshInfo refresh) => new(
        refresh.InstanceRefreshId,
        refresh.AutoScalingGroupName,
        Enum.TryParse<InstanceRefreshStatus>(refresh.Status.ToString(), out var status) ? status : InstanceRefreshStatus.Unknown,
        refresh.StatusReason,
        refresh.PercentageComplete,
        refresh.InstancesToUpdate,
        refresh.StartTime,
        refresh.EndTime,
        refresh.RollbackDetails is { } rollback
            ? new InstanceRefreshRollback(rollback.RollbackReason, rollback.RollbackStartTime, rollback.PercentageCompleteOnRollback, rollback.InstancesToUpdateOnRollback)
            : null);

    /// <summary>The simulation keeps no notification target, role or metadata: those are dropped.</summary>
    public static Sim.LifecycleHookInfo Hook(LifecycleHook hook) => new(
        hook.Name,
        hook.GroupName,
        hook.Transition == LifecycleTransition.InstanceLaunching ? Sim.LifecycleHooks.Launching : Sim.LifecycleHooks.Terminating,
        (int)hook.HeartbeatTimeout.TotalSeconds,
        Result(hook.DefaultResult));

    public static LifecycleHook Hook(Sim.LifecycleHookInfo hook) => new(
        hook.AutoScalingGroupName,
        hook.LifecycleHookName,
        hook.LifecycleTransition == Sim.LifecycleHooks.Launching ? LifecycleTransition.InstanceLaunching : LifecycleTransition.InstanceTerminating,
        TimeSpan.FromSeconds(hook.HeartbeatTimeout),
        hook.DefaultResult == Sim.LifecycleHooks.Continue ? LifecycleActionResult.Continue : LifecycleActionResult.Abandon);

    public static string Result(LifecycleActionResult result) =>
        result == LifecycleActionResult.Continue ? Sim.LifecycleHooks.Continue : Sim.LifecycleHooks.Abandon;

    public static ScalingActivity Activity(Sim.ScalingActivityInfo activity) =>
        new(activity.ActivityId, activity.AutoScalingGroupName, activity.StatusCode, activity.Description, activity.Cause, activity.StartTime);

    private static int? Seconds(TimeSpan? value) => value is { } v ? (int)v.TotalSeconds : null;
}
