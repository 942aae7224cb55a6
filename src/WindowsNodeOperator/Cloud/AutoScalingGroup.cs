namespace WindowsNodeOperator.Cloud;

/// <summary>
/// An Auto Scaling group as the operator sees it. <see cref="LaunchTemplate"/> is the template the group launches from: its own,
/// or its <see cref="MixedInstancesPolicy"/>'s.
/// </summary>
internal sealed record AutoScalingGroup(
    string Name,
    int MinSize,
    int MaxSize,
    int DesiredCapacity,
    LaunchTemplateRef? LaunchTemplate,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<AutoScalingInstance> Instances,
    MixedInstancesPolicy? MixedInstancesPolicy = null);
