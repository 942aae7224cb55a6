using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Planning;

/// <summary>An EC2 Auto Scaling group with its launch template and instance refreshes.</summary>
/// <param name="LaunchTemplate">Null for a group on a launch configuration or a mixed-instances policy the planner cannot pin.</param>
/// <param name="LaunchTemplateImageId">The AMI the group's launch template version launches.</param>
/// <param name="MixedInstancesPolicy">The group's mixed instances policy, which a refresh must carry whole into its desired configuration.</param>
/// <param name="LaunchTemplateImageName">The name of <paramref name="LaunchTemplateImageId"/>, which tells an EKS-optimized AMI's Windows version and edition.</param>
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
    MixedInstancesPolicy? MixedInstancesPolicy = null,
    string? LaunchTemplateImageName = null)
{
    /// <summary>EKS owns the group: the operator must not refresh or edit it.</summary>
    public bool ManagedNodeGroup => Tags.ContainsKey(OperatorAnnotations.EksNodeGroupTag);

    /// <summary>
    /// Why the operator cannot roll a new AMI out to the group through its mixed instances policy, or null. An override with a
    /// launch template of its own would go on launching that template's AMI, so the group's nodes would never all run the
    /// target; members the operator does not read (overrides by InstanceRequirements or ImageId) would be lost, since a
    /// successful refresh replaces the group's configuration with the desired one.
    /// </summary>
    public string? UnsupportedMixedInstancesPolicy => MixedInstancesPolicy switch
    {
        null => null,
        { Overrides: var overrides } when overrides.Where(o => o.LaunchTemplate is not null).ToList() is { Count: > 0 } own =>
            $"group {Name} has a mixed instances policy whose overrides launch from launch templates of their own "
            + $"({string.Join(", ", own.Select(o => $"{o.InstanceType ?? "(instance requirements)"} on {o.LaunchTemplate!.Id ?? o.LaunchTemplate.Name}"))}): "
            + "an instance refresh would keep launching those templates' AMIs, so the operator does not update or replace the group's nodes; "
            + "remove the overrides' own launch templates, or leave the group out of the policy",
        { Uncarried.Count: > 0 } policy =>
            $"group {Name} has a mixed instances policy with {string.Join(", ", policy.Uncarried)}, which the operator cannot carry into an "
            + "instance refresh (a successful refresh replaces the group's configuration), so it does not update or replace the group's nodes",
        _ => null,
    };

    /// <summary>The operator leaves the group alone: EKS owns it, or its mixed instances policy cannot be carried through a refresh.</summary>
    public bool HandsOff => ManagedNodeGroup || UnsupportedMixedInstancesPolicy is not null;

}
