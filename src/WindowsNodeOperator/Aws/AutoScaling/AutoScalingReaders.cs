using System.Xml.Linq;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>Turns Auto Scaling result elements into the port's records.</summary>
internal static class AutoScalingReaders
{
    public static AutoScalingGroup Group(XElement group) => new(
        group.Required("AutoScalingGroupName"),
        group.Int("MinSize") ?? 0,
        group.Int("MaxSize") ?? 0,
        group.Int("DesiredCapacity") ?? 0,
        LaunchTemplate(group.Child("LaunchTemplate"))
            ?? LaunchTemplate(group.Child("MixedInstancesPolicy").Child("LaunchTemplate").Child("LaunchTemplateSpecification")),
        group.Members("Tags").ToDictionary(t => t.Required("Key"), t => t.Text("Value") ?? "", StringComparer.Ordinal),
        [.. group.Members("Instances").Select(Instance)]);

    public static AutoScalingInstance Instance(XElement instance) => new(
        instance.Required("InstanceId"),
        instance.Text("AvailabilityZone") ?? "",
        instance.Text("LifecycleState") ?? "",
        instance.Text("HealthStatus") ?? "",
        instance.Child("LaunchTemplate").Optional("Version"),
        instance.Bool("ProtectedFromScaleIn") ?? false);

    public static LaunchTemplateRef? LaunchTemplate(XElement? spec) =>
        spec is null
            ? null
            // A group created without a version follows the template's default version.
            : new LaunchTemplateRef(spec.Text("LaunchTemplateId"), spec.Text("LaunchTemplateName"), spec.Text("Version") ?? LaunchTemplateRef.Default);

    public static LifecycleHook Hook(XElement hook) => new(
        hook.Required("AutoScalingGroupName"),
        hook.Required("LifecycleHookName"),
        AutoScalingValues.ParseTransition(hook.Required("LifecycleTransition")),
        TimeSpan.FromSeconds(hook.Int("HeartbeatTimeout") ?? 0),
        AutoScalingValues.ParseResult(hook.Text("DefaultResult") ?? "ABANDON"))
    {
        NotificationTargetArn = hook.Optional("NotificationTargetARN"),
        RoleArn = hook.Optional("RoleARN"),
        NotificationMetadata = hook.Optional("NotificationMetadata"),
    };

    public static InstanceRefresh Refresh(XElement refresh)
    {
        var rollback = refresh.Child("RollbackDetails");
        return new InstanceRefresh(
            refresh.Required("InstanceRefreshId"),
            refresh.Required("AutoScalingGroupName"),
            AutoScalingValues.ParseRefreshStatus(refresh.Text("Status")),
            refresh.Optional("StatusReason"),
            refresh.Int("PercentageComplete"),
            refresh.Int("InstancesToUpdate"),
            refresh.Time("StartTime"),
            refresh.Time("EndTime"),
            rollback is null
                ? null
                : new InstanceRefreshRollback(
                    rollback.Optional("RollbackReason"),
                    rollback.Time("RollbackStartTime"),
                    rollback.Int("PercentageCompleteOnRollback"),
                    rollback.Int("InstancesToUpdateOnRollback")));
    }

    public static ScalingActivity Activity(XElement activity) => new(
        activity.Required("ActivityId"),
        activity.Required("AutoScalingGroupName"),
        activity.Text("StatusCode") ?? "",
        activity.Text("Description"),
        activity.Text("Cause"),
        activity.Time("StartTime"),
        activity.Optional("StatusMessage"),
        activity.Time("EndTime"));
}
