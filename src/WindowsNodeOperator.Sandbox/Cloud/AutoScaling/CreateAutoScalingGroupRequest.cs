using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>The parts of CreateAutoScalingGroup the simulation models: a launch template or a mixed instances policy, one of the two.</summary>
public sealed record CreateAutoScalingGroupRequest(
    string AutoScalingGroupName,
    LaunchTemplateSpecification? LaunchTemplate,
    int MinSize,
    int MaxSize,
    int DesiredCapacity,
    IReadOnlyList<string> AvailabilityZones)
{
    public MixedInstancesPolicy? MixedInstancesPolicy { get; init; }

    public int? DefaultInstanceWarmup { get; init; }

    public int HealthCheckGracePeriod { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
