using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// Reads StartInstanceRefresh's form (<c>DesiredConfiguration.LaunchTemplate.*</c> or <c>DesiredConfiguration.MixedInstancesPolicy.*</c>,
/// <c>Preferences.*</c>) into the simulation's request.
/// https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_StartInstanceRefresh.html
/// </summary>
internal static class AutoScalingRefreshReader
{
    private static readonly string[] ModelledOverrideMembers = ["InstanceType", "WeightedCapacity", "LaunchTemplateSpecification"];

    public static StartInstanceRefreshRequest Read(QueryForm form)
    {
        var group = form.Required("AutoScalingGroupName");
        if (form.Get("Strategy") is { } strategy and not "Rolling")
        {
            throw form.Invalid("Strategy", strategy, "Member must satisfy enum value set: [Rolling]");
        }

        DesiredConfiguration? desired = null;
        if (form.Has("DesiredConfiguration."))
        {
            var configuration = form.Structure("DesiredConfiguration");
            desired = new DesiredConfiguration(
                configuration.Has("LaunchTemplate.") ? Specification(configuration.Structure("LaunchTemplate")) : null,
                configuration.Has("MixedInstancesPolicy.") ? MixedInstancesPolicy(configuration.Structure("MixedInstancesPolicy")) : null);
        }

        return new StartInstanceRefreshRequest(group, desired, form.Has("Preferences") ? Preferences(form.Structure("Preferences")) : null);
    }

    internal static LaunchTemplateSpecification Specification(QueryForm template)
    {
        var id = template.Get("LaunchTemplateId");
        return new LaunchTemplateSpecification(id, id is null ? template.Get("LaunchTemplateName") : null, template.Get("Version") ?? LaunchTemplateSpecification.Default);
    }

    // Overrides by InstanceRequirements or ImageId are refused: the simulation launches by instance type only.
    internal static MixedInstancesPolicy MixedInstancesPolicy(QueryForm policy)
    {
        var launchTemplate = policy.Structure("LaunchTemplate");
        if (!launchTemplate.Has("LaunchTemplateSpecification."))
        {
            throw launchTemplate.Missing("LaunchTemplateSpecification");
        }

        var overrides = launchTemplate.Structures("Overrides").Select(o =>
        {
            if (o.MemberNames().FirstOrDefault(m => !ModelledOverrideMembers.Contains(m)) is { } other)
            {
                throw SimulatedAwsException.Validation($"The simulated account does not model launch template overrides by {other}; give InstanceType.");
            }

            return new LaunchTemplateOverrides(
                o.Required("InstanceType"),
                o.Get("WeightedCapacity"),
                o.Has("LaunchTemplateSpecification.") ? Specification(o.Structure("LaunchTemplateSpecification")) : null);
        });
        var distribution = policy.Structure("InstancesDistribution");
        return new MixedInstancesPolicy(
            Specification(launchTemplate.Structure("LaunchTemplateSpecification")),
            [.. overrides],
            policy.Has("InstancesDistribution.")
                ? new InstancesDistribution(
                    distribution.Get("OnDemandAllocationStrategy"),
                    distribution.Int("OnDemandBaseCapacity"),
                    distribution.Int("OnDemandPercentageAboveBaseCapacity"),
                    distribution.Get("SpotAllocationStrategy"),
                    distribution.Int("SpotInstancePools"),
                    distribution.Get("SpotMaxPrice"))
                : null);
    }

    // AlarmSpecification is accepted and not modelled.
    private static RefreshPreferences Preferences(QueryForm p)
    {
        var defaults = new RefreshPreferences();
        var checkpoints = p.List("CheckpointPercentages");
        return new RefreshPreferences
        {
            MinHealthyPercentage = p.Int("MinHealthyPercentage") ?? defaults.MinHealthyPercentage,
            MaxHealthyPercentage = p.Int("MaxHealthyPercentage"),
            InstanceWarmup = p.Int("InstanceWarmup"),
            CheckpointPercentages = checkpoints.Count > 0 ? [.. checkpoints.Select((c, i) => ParseCheckpoint(p, c, i))] : null,
            CheckpointDelay = p.Int("CheckpointDelay") ?? defaults.CheckpointDelay,
            SkipMatching = p.Bool("SkipMatching") ?? defaults.SkipMatching,
            AutoRollback = p.Bool("AutoRollback") ?? defaults.AutoRollback,
            ScaleInProtectedInstances = Enum(p, "ScaleInProtectedInstances", defaults.ScaleInProtectedInstances, "[Refresh, Ignore, Wait]",
                RefreshPreferences.Refresh, RefreshPreferences.Ignore, RefreshPreferences.Wait),
            StandbyInstances = Enum(p, "StandbyInstances", defaults.StandbyInstances, "[Terminate, Ignore, Wait]",
                RefreshPreferences.Terminate, RefreshPreferences.Ignore, RefreshPreferences.Wait),
            BakeTime = p.Int("BakeTime") ?? defaults.BakeTime,
        };
    }

    private static string Enum(QueryForm p, string name, string fallback, string set, params string[] allowed) =>
        p.Get(name) is not { } value ? fallback
        : allowed.Contains(value, StringComparer.Ordinal) ? value
        : throw p.Invalid(name, value, $"Member must satisfy enum value set: {set}");

    private static int ParseCheckpoint(QueryForm p, string text, int index) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw p.Invalid($"CheckpointPercentages.member.{index + 1}", text, "Member must be an integer");
}
