using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>An instance as DescribeAutoScalingInstances reports it; its launch template version is the numbered one it launched from.</summary>
public sealed record AutoScalingInstanceInfo(
    string InstanceId,
    string AutoScalingGroupName,
    string AvailabilityZone,
    LifecycleState LifecycleState,
    string HealthStatus,
    LaunchTemplateSpecification LaunchTemplate,
    string InstanceType,
    bool ProtectedFromScaleIn = false);
