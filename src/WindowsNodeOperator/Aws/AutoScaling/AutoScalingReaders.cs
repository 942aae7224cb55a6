using System.Xml.Linq;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>Turns Auto Scaling result elements into the port's records.</summary>
internal static class AutoScalingReaders
{
    private static readonly string[] OverrideMembers = ["InstanceType", "WeightedCapacity", "LaunchTemplateSpecification"];
    private static readonly string[] DistributionMembers =
        ["OnDemandAllocationStrategy", "OnDemandBaseCapacity", "OnDemandPercentageAboveBaseCapacity", "SpotAllocationStrategy", "SpotInstancePools", "SpotMaxPrice"];

    public static AutoScalingGroup Group(XElement group)
    {
        var policy = MixedInstancesPolicy(group.Child("MixedInstancesPolicy"));
        return new AutoScalingGroup(
            group.Required("AutoScalingGroupName"),
            group.Int("MinSize") ?? 0,
            group.Int("MaxSize") ?? 0,
            group.Int("DesiredCapacity") ?? 0,
            LaunchTemplate(group.Child("LaunchTemplate")) ?? policy?.LaunchTemplate,
            group.Members("Tags").ToDictionary(t => t.Required("Key"), t => t.Text("Value") ?? "", StringComparer.Ordinal),
            [.. group.Members("Instances").Select(Instance)],
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
