using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>
/// An Auto Scaling group as DescribeAutoScalingGroups reports it. <see cref="LaunchTemplate"/> is the template the group launches
/// from: its own, or its <see cref="MixedInstancesPolicy"/>'s (on the wire such a group has no top-level LaunchTemplate).
/// </summary>
public sealed record AutoScalingGroupInfo(
    string AutoScalingGroupName,
    LaunchTemplateSpecification LaunchTemplate,
    int MinSize,
    int MaxSize,
    int DesiredCapacity,
    IReadOnlyList<string> AvailabilityZones,
    int? DefaultInstanceWarmup,
    int HealthCheckGracePeriod,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<AutoScalingInstanceInfo> Instances)
{
    public MixedInstancesPolicy? MixedInstancesPolicy { get; init; }
}
