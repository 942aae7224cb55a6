using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>An Auto Scaling group as DescribeAutoScalingGroups reports it.</summary>
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
    IReadOnlyList<AutoScalingInstanceInfo> Instances);
