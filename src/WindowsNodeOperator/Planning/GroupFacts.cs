using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Planning;

/// <summary>An EC2 Auto Scaling group with its launch template and instance refreshes.</summary>
/// <param name="LaunchTemplate">Null for a group on a launch configuration or a mixed-instances policy the planner cannot pin.</param>
/// <param name="LaunchTemplateImageId">The AMI the group's launch template version launches.</param>
/// <param name="FailedImageIds">AMIs an operator refresh of this group failed or rolled back for, the last refresh or an earlier one.</param>
internal sealed record GroupFacts(
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    int DesiredCapacity,
    int MinSize,
    int MaxSize,
    LaunchTemplateRef? LaunchTemplate,
    string? LaunchTemplateImageId,
    ActiveRefreshFacts? ActiveRefresh,
    FinishedRefreshFacts? LastRefresh,
    IReadOnlySet<string>? FailedImageIds = null)
{
    /// <summary>EKS owns the group: the operator must not refresh or edit it.</summary>
    public bool ManagedNodeGroup => Tags.ContainsKey(OperatorAnnotations.EksNodeGroupTag);

    /// <summary>A refresh of this group to <paramref name="imageId"/> failed or rolled back, the last one or an earlier one.</summary>
    public bool FailedFor(string imageId) =>
        (LastRefresh is { FailedOrRolledBack: true } last && last.TargetImageId == imageId) || FailedImageIds?.Contains(imageId) == true;
}
