namespace WindowsNodeOperator.Cloud;

/// <summary>An instance as its Auto Scaling group reports it.</summary>
internal sealed record AutoScalingInstance(
    string InstanceId,
    string AvailabilityZone,
    string LifecycleState,
    string HealthStatus,
    string? LaunchTemplateVersion,
    bool ProtectedFromScaleIn);
