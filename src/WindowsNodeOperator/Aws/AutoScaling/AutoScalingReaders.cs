using System.Xml.Linq;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>Turns Auto Scaling result elements into the port's records.</summary>
internal static class AutoScalingReaders
{
    private static readonly string[] OverrideMembers = ["InstanceType", "WeightedCapacity", "LaunchTemplateSpecification"];
    private static readonly string[] DistributionMembers =
        ["OnDemandAllocationStrategy", "OnDemandBaseCapacity", "OnDemandPercentageAboveBaseCapacity", "SpotAllocationStrategy", "SpotInstancePools", "SpotMaxPrice"];

    private const string DescribeGroups = "autoscaling:DescribeAutoScalingGroups";
    private const string DescribeRefreshes = "autoscaling:DescribeInstanceRefreshes";
    private const string DescribeHooks = "autoscaling:DescribeLifecycleHooks";

    /// <summary>
    /// The group, or null when it has no name (nothing could be said or done about it). An instance without its id is left
    /// out; one whose lifecycle state is missing or unknown is kept with it, for the planner counts such an instance out.
    /// Each is reported to <see cref="SkippedItems"/>.
    /// </summary>
    public static AutoScalingGroup? Group(XElement group)
    {
        if (group.Optional("AutoScalingGroupName") is not { } name)
        {
            SkippedItems.Report(new SkippedItem(DescribeGroups, "a group", "AutoScalingGroupName", null, "the group is skipped"));
            return null;
        }

        var policy = MixedInstancesPolicy(group.Child("MixedInstancesPolicy"));
        var template = LaunchTemplate(group.Child("LaunchTemplate")) ?? policy?.LaunchTemplate;
        if (template is null && group.Optional("LaunchConfigurationName") is null)
        {
            // The model lets a group have either; one with neither has a launch source the answer does not say.
            SkippedItems.Report(new SkippedItem(
                DescribeGroups, $"group {name}", "LaunchTemplate", null, "no launch template is updated and no refresh is started for the group"));
        }

        return new AutoScalingGroup(
            name,
            group.Int("MinSize") ?? 0,
            group.Int("MaxSize") ?? 0,
            group.Int("DesiredCapacity") ?? 0,
            template,
            group.Members("Tags").ToDictionary(t => t.Required("Key"), t => t.Text("Value") ?? "", StringComparer.Ordinal),
            [.. group.Members("Instances").Select(i => Instance(i, name)).OfType<AutoScalingInstance>()],
            policy);
    }

    /// <summary>
    /// The whole policy: launch template, overrides and distribution. Whatever else it holds (an override by
    /// InstanceRequirements or ImageId, a member added to the API later) is named in <see cref="Cloud.MixedInstancesPolicy.Uncarried"/>.
    /// </summary>
    public static MixedInstancesPolicy? MixedInstancesPolicy(XElement? policy)
    {
        if (policy is null)
        {
            return null;
        }

        var uncarried = new List<string>();
        var launchTemplate = policy.Child("LaunchTemplate");
        uncarried.AddRange(Others(policy, ["LaunchTemplate", "InstancesDistribution"], string.Empty));
        uncarried.AddRange(Others(launchTemplate, ["LaunchTemplateSpecification", "Overrides"], "LaunchTemplate."));
        var overrides = launchTemplate.Members("Overrides").Select((o, i) =>
        {
            uncarried.AddRange(Others(o, OverrideMembers, $"Overrides[{i + 1}]."));
            return new LaunchTemplateOverride(o.Optional("InstanceType"), o.Optional("WeightedCapacity"), LaunchTemplate(o.Child("LaunchTemplateSpecification")));
        }).ToList();
        var distribution = policy.Child("InstancesDistribution");
        uncarried.AddRange(Others(distribution, DistributionMembers, "InstancesDistribution."));
        return new MixedInstancesPolicy(
            LaunchTemplate(launchTemplate.Child("LaunchTemplateSpecification"))
                ?? throw new FormatException("<MixedInstancesPolicy> has no <LaunchTemplate><LaunchTemplateSpecification>."),
            overrides,
            distribution is null
                ? null
                : new InstancesDistribution(
                    distribution.Optional("OnDemandAllocationStrategy"),
                    distribution.Int("OnDemandBaseCapacity"),
                    distribution.Int("OnDemandPercentageAboveBaseCapacity"),
                    distribution.Optional("SpotAllocationStrategy"),
                    distribution.Int("SpotInstancePools"),
                    // Present but empty is kept: sent back empty, it says "no maximum price".
                    distribution.Text("SpotMaxPrice")))
        {
            Uncarried = uncarried,
        };
    }

    private static IEnumerable<string> Others(XElement? element, string[] known, string path) =>
        element?.Elements().Select(e => e.Name.LocalName).Where(n => !known.Contains(n)).Select(n => path + n) ?? [];

    /// <summary>
    /// The instance as its group lists it; null without an id. A lifecycle state the model does not list (or none) is kept as
    /// given, and reported: the planner counts such an instance out of service and takes no step for it.
    /// </summary>
    public static AutoScalingInstance? Instance(XElement instance, string group)
    {
        if (instance.Optional("InstanceId") is not { } id)
        {
            SkippedItems.Report(new SkippedItem(DescribeGroups, $"an instance of group {group}", "InstanceId", null, "the instance is skipped"));
            return null;
        }

        var item = $"instance {id} of group {group}";
        var state = instance.Optional("LifecycleState");
        if (state is null || !AutoScalingValues.IsLifecycleState(state))
        {
            SkippedItems.Report(new SkippedItem(
                DescribeGroups, item, "LifecycleState", state, "the instance counts as unavailable and is neither drained nor replaced by the operator"));
        }

        var health = instance.Optional("HealthStatus");
        if (health is not (AutoScalingValues.Healthy or AutoScalingValues.Unhealthy))
        {
            SkippedItems.Report(new SkippedItem(DescribeGroups, item, "HealthStatus", health, "the operator does not read it; nothing is judged from it"));
        }

        if (instance.Child("LaunchTemplate") is null && instance.Optional("LaunchConfigurationName") is null)
        {
            SkippedItems.Report(new SkippedItem(DescribeGroups, item, "LaunchTemplate", null, "the operator does not read it; nothing is judged from it"));
        }

        return new AutoScalingInstance(
            id,
            instance.Text("AvailabilityZone") ?? "",
            state ?? "",
            health ?? "",
            instance.Child("LaunchTemplate").Optional("Version"),
            instance.Bool("ProtectedFromScaleIn") ?? false);
    }

    public static LaunchTemplateRef? LaunchTemplate(XElement? spec) =>
        spec is null
            ? null
            // A group created without a version follows the template's default version.
            : new LaunchTemplateRef(spec.Text("LaunchTemplateId"), spec.Text("LaunchTemplateName"), spec.Text("Version") ?? LaunchTemplateRef.Default);

    /// <summary>The hook, or null when its name, group or transition is missing or its transition or default result unknown (reported).</summary>
    public static LifecycleHook? Hook(XElement hook)
    {
        var name = hook.Optional("LifecycleHookName");
        var group = hook.Optional("AutoScalingGroupName");
        var item = $"lifecycle hook {name ?? "(no name)"} of group {group ?? "(no name)"}";
        if (name is null || group is null)
        {
            SkippedItems.Report(new SkippedItem(DescribeHooks, item, name is null ? "LifecycleHookName" : "AutoScalingGroupName", null, "the hook is skipped"));
            return null;
        }

        var transition = hook.Optional("LifecycleTransition");
        if (AutoScalingValues.TryParseTransition(transition) is not { } parsed)
        {
            SkippedItems.Report(new SkippedItem(DescribeHooks, item, "LifecycleTransition", transition, "the hook is skipped"));
            return null;
        }

        var result = hook.Optional("DefaultResult") ?? "ABANDON";
        if (AutoScalingValues.TryParseResult(result) is not { } defaultResult)
        {
            SkippedItems.Report(new SkippedItem(DescribeHooks, item, "DefaultResult", result, "the hook is skipped"));
            return null;
        }

        return new LifecycleHook(group, name, parsed, TimeSpan.FromSeconds(hook.Int("HeartbeatTimeout") ?? 0), defaultResult)
        {
            NotificationTargetArn = hook.Optional("NotificationTargetARN"),
            RoleArn = hook.Optional("RoleARN"),
            NotificationMetadata = hook.Optional("NotificationMetadata"),
        };
    }

    /// <summary>
    /// The refresh. One without its id is kept with an empty id and one whose status is missing or unknown with
    /// <see cref="InstanceRefreshStatus.Unknown"/> (both reported): either is a refresh the group may be running, so it
    /// blocks another from being started there.
    /// </summary>
    public static InstanceRefresh Refresh(XElement refresh, string groupName)
    {
        var rollback = refresh.Child("RollbackDetails");
        var id = refresh.Optional("InstanceRefreshId");
        var group = refresh.Optional("AutoScalingGroupName") ?? groupName;
        if (id is null)
        {
            SkippedItems.Report(new SkippedItem(
                DescribeRefreshes, $"a refresh of group {group}", "InstanceRefreshId", null, "no other refresh is started on the group while it is listed"));
        }

        var rawStatus = refresh.Optional("Status");
        var status = AutoScalingValues.ParseRefreshStatus(rawStatus);
        if (status == InstanceRefreshStatus.Unknown)
        {
            SkippedItems.Report(new SkippedItem(
                DescribeRefreshes, $"refresh {id ?? "(no id)"} of group {group}", "Status", rawStatus, "no other refresh is started on the group while it is so"));
        }

        return new InstanceRefresh(
            id ?? string.Empty,
            group,
            status,
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
                    rollback.Int("InstancesToUpdateOnRollback")),
            DesiredTemplate(refresh.Child("DesiredConfiguration")));
    }

    /// <summary>The desired configuration's launch template, given alone or as a mixed instances policy's.</summary>
    private static LaunchTemplateRef? DesiredTemplate(XElement? desired)
    {
        var template = desired.Child("LaunchTemplate") ?? desired.Child("MixedInstancesPolicy").Child("LaunchTemplate").Child("LaunchTemplateSpecification");
        return template is null
            ? null
            : new LaunchTemplateRef(template.Optional("LaunchTemplateId"), template.Optional("LaunchTemplateName"), template.Optional("Version") ?? LaunchTemplateRef.Default);
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
