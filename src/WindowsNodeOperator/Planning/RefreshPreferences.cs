using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Planning;

/// <summary>
/// The StartInstanceRefresh preferences and desired configuration the operator sends: the launch template version, and for a
/// group with a mixed instances policy that policy (its overrides and distribution kept, its launch template the desired one).
/// </summary>
/// <remarks>https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RefreshPreferences.html</remarks>
internal sealed record RefreshPreferences(
    int MinHealthyPercentage,
    int MaxHealthyPercentage,
    TimeSpan InstanceWarmup,
    IReadOnlyList<int> CheckpointPercentages,
    bool AutoRollback,
    bool SkipMatching,
    LaunchTemplateRef? DesiredLaunchTemplate,
    MixedInstancesPolicy? MixedInstancesPolicy = null);
