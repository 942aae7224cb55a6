namespace WindowsNodeOperator.Cloud;

/// <summary>
/// How a mixed instances policy splits capacity between On-Demand and Spot Instances, as the group reports it (null: not
/// reported). An empty <see cref="SpotMaxPrice"/> is a value: it means no maximum price.
/// https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_InstancesDistribution.html
/// </summary>
internal sealed record InstancesDistribution(
    string? OnDemandAllocationStrategy,
    int? OnDemandBaseCapacity,
    int? OnDemandPercentageAboveBaseCapacity,
    string? SpotAllocationStrategy,
    int? SpotInstancePools,
    string? SpotMaxPrice);
