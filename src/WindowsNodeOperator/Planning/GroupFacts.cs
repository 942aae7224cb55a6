using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Planning;

/// <summary>An EC2 Auto Scaling group with its launch template and instance refreshes.</summary>
/// <param name="LaunchTemplate">Null for a group on a launch configuration or a mixed-instances policy the planner cannot pin.</param>
/// <param name="LaunchTemplateImageId">The AMI the group's launch template version launches.</param>
internal sealed record GroupFacts(
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    int DesiredCapacity,
    int MinSize,
    int MaxSize,
    LaunchTemplateRef? LaunchTemplate,
    string? LaunchTemplateImageId,
    ActiveRefreshFacts? ActiveRefresh,
    FinishedRefreshFacts? LastRefresh)
{
    /// <summary>EKS owns the group: the operator must not refresh or edit it.</summary>
    public bool ManagedNodeGroup => Tags.ContainsKey(OperatorAnnotations.EksNodeGroupTag);
}
