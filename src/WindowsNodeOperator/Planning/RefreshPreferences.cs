using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Planning;

/// <summary>The StartInstanceRefresh preferences and desired configuration the operator sends.</summary>
/// <remarks>https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RefreshPreferences.html</remarks>
internal sealed record RefreshPreferences(
    int MinHealthyPercentage,
    int MaxHealthyPercentage,
    TimeSpan InstanceWarmup,
    IReadOnlyList<int> CheckpointPercentages,
    bool AutoRollback,
    bool SkipMatching,
    LaunchTemplateRef? DesiredLaunchTemplate);
