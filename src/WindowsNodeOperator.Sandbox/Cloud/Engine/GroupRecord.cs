using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

internal sealed class GroupRecord(CreateAutoScalingGroupRequest request)
{
    public string Name { get; } = request.AutoScalingGroupName;

    /// <summary>The launch template the group launches from: its own, or its mixed instances policy's.</summary>
    public LaunchTemplateSpecification Template { get; private set; } =
        request.MixedInstancesPolicy?.LaunchTemplateSpecification ?? request.LaunchTemplate
        ?? throw new ArgumentException("A group needs a launch template or a mixed instances policy.", nameof(request));

    public MixedInstancesPolicy? MixedInstancesPolicy { get; private set; } = request.MixedInstancesPolicy;

    public int Min { get; set; } = request.MinSize;

    public int Max { get; set; } = request.MaxSize;

    public int Desired { get; set; } = request.DesiredCapacity;

    public IReadOnlyList<string> Zones { get; } = request.AvailabilityZones;

    public int? DefaultInstanceWarmup { get; set; } = request.DefaultInstanceWarmup;

    public int HealthCheckGracePeriod { get; set; } = request.HealthCheckGracePeriod;

    public Dictionary<string, string> Tags { get; } = new(request.Tags, StringComparer.Ordinal);

    public List<LifecycleHookInfo> Hooks { get; } = [];

    /// <summary>Instances not yet terminated, in launch order.</summary>
    public List<InstanceRecord> Members { get; } = [];

    /// <summary>Every refresh started on the group, newest first (DescribeInstanceRefreshes shows six weeks of them).</summary>
    public List<RefreshRecord> Refreshes { get; } = [];

    /// <summary>Launches and terminations, newest first, for the last six weeks (as DescribeScalingActivities keeps them).</summary>
    public List<ActivityRecord> Activities { get; } = [];

    public RefreshRecord? ActiveRefresh => Refreshes.FirstOrDefault(r => r.IsActive);

    public IEnumerable<InstanceRecord> Live => Members.Where(m => m.Live);

    /// <summary>Launches from a launch template alone: a mixed instances policy the group had is gone.</summary>
    public void Use(LaunchTemplateSpecification template)
    {
        Template = template;
        MixedInstancesPolicy = null;
    }

    /// <summary>Launches through a mixed instances policy, in place of a launch template or an earlier policy.</summary>
    public void Use(MixedInstancesPolicy policy)
    {
        MixedInstancesPolicy = policy;
        Template = policy.LaunchTemplateSpecification;
    }

    /// <summary>The members counted toward desired capacity (not leaving, not in Standby).</summary>
    public IEnumerable<InstanceRecord> Counted => Members.Where(m => m.Counted);

    /// <summary>Launches abandoned in a row since an instance last went into service: each waits longer before the next.</summary>
    public int ConsecutiveLaunchFailures { get; set; }

    /// <summary>No launch before this, after an abandoned one.</summary>
    public DateTimeOffset? NextLaunchAt { get; set; }

    public IEnumerable<LifecycleHookInfo> HooksFor(string transition) => Hooks.Where(h => h.LifecycleTransition == transition);

    public AutoScalingGroupInfo ToInfo() => new(
        Name,
        Template,
        Min,
        Max,
        Desired,
        Zones,
        DefaultInstanceWarmup,
        HealthCheckGracePeriod,
        new Dictionary<string, string>(Tags, StringComparer.Ordinal),
        Members.Select(m => m.ToAutoScaling()).ToList())
    {
        MixedInstancesPolicy = MixedInstancesPolicy,
    };
}
