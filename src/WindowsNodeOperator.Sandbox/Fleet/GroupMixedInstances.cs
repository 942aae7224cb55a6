namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>
/// A group's mixed instances policy: its instance types in priority order, and how capacity is split between On-Demand and
/// Spot Instances (a member left out takes AWS's default). The group's own launch template is the policy's.
/// https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-mixed-instances-groups.html
/// </summary>
public sealed record GroupMixedInstances(
    IReadOnlyList<InstanceTypeOverride> Overrides,
    FleetInstancesDistribution? InstancesDistribution = null);

/// <summary>
/// One instance type of a mixed instances policy. <c>OwnLaunchTemplate</c> gives it a launch template of its own (a copy of the
/// group's, named <c>&lt;group&gt;-&lt;type&gt;-nodes</c>), as a type that needs a different AMI would have.
/// </summary>
public sealed record InstanceTypeOverride(string InstanceType, string? WeightedCapacity = null, bool OwnLaunchTemplate = false);

/// <summary>The On-Demand and Spot split of a mixed instances policy, in the API's member names.</summary>
public sealed record FleetInstancesDistribution(
    string? OnDemandAllocationStrategy = null,
    int? OnDemandBaseCapacity = null,
    int? OnDemandPercentageAboveBaseCapacity = null,
    string? SpotAllocationStrategy = null,
    int? SpotInstancePools = null,
    string? SpotMaxPrice = null);
