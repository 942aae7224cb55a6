namespace WindowsNodeOperator.Cloud;

/// <summary>An Auto Scaling group as the operator sees it.</summary>
internal sealed record AutoScalingGroup(
    string Name,
    int MinSize,
    int MaxSize,
    int DesiredCapacity,
    LaunchTemplateRef? LaunchTemplate,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<AutoScalingInstance> Instances);
