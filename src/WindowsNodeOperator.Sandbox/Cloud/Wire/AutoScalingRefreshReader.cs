using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// Reads StartInstanceRefresh's form (<c>DesiredConfiguration.LaunchTemplate.*</c>, <c>Preferences.*</c>) into the simulation's request.
/// https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_StartInstanceRefresh.html
/// </summary>
internal static class AutoScalingRefreshReader
{
    public static StartInstanceRefreshRequest Read(QueryForm form)
    {
        var group = form.Required("AutoScalingGroupName");
        if (form.Get("Strategy") is { } strategy and not "Rolling")
        {
            throw form.Invalid("Strategy", strategy, "Member must satisfy enum value set: [Rolling]");
        }

        if (form.Has("DesiredConfiguration.MixedInstancesPolicy"))
        {
            throw Faults.SimulatedAwsException.Validation("The simulated account models a DesiredConfiguration with a LaunchTemplate only.");
        }

        DesiredConfiguration? desired = null;
        if (form.Has("DesiredConfiguration.LaunchTemplate"))
        {
            var template = form.Structure("DesiredConfiguration").Structure("LaunchTemplate");
            var id = template.Get("LaunchTemplateId");
            var name = template.Get("LaunchTemplateName");
            desired = new DesiredConfiguration(new LaunchTemplateSpecification(id, id is null ? name : null, template.Get("Version") ?? LaunchTemplateSpecification.Default));
        }

        return new StartInstanceRefreshRequest(group, desired, form.Has("Preferences") ? Preferences(form.Structure("Preferences")) : null);
    }

    // BakeTime and AlarmSpecification are accepted and not modelled.
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
