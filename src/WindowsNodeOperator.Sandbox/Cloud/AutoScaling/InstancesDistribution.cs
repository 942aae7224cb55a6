namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>
/// How a mixed instances policy splits capacity between On-Demand and Spot Instances; a member left out takes AWS's default.
/// https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_InstancesDistribution.html
/// </summary>
public sealed record InstancesDistribution(
    string? OnDemandAllocationStrategy = null,
    int? OnDemandBaseCapacity = null,
    int? OnDemandPercentageAboveBaseCapacity = null,
    string? SpotAllocationStrategy = null,
    int? SpotInstancePools = null,
    string? SpotMaxPrice = null)
{
    public const string LowestPrice = "lowest-price";

    /// <summary>
    /// The distribution as the group keeps it: <c>prioritized</c>, a base of 0, 100 % On-Demand above it, <c>lowest-price</c>
    /// Spot across 2 pools (pools only with <c>lowest-price</c>). An empty <c>SpotMaxPrice</c> removes the maximum price.
    /// </summary>
    public InstancesDistribution WithDefaults()
    {
        var spot = SpotAllocationStrategy ?? LowestPrice;
        return new InstancesDistribution(
            OnDemandAllocationStrategy ?? "prioritized",
            OnDemandBaseCapacity ?? 0,
            OnDemandPercentageAboveBaseCapacity ?? 100,
            spot,
            spot == LowestPrice ? SpotInstancePools ?? 2 : null,
            SpotMaxPrice is { Length: > 0 } price ? price : null);
    }
}
