using System.Globalization;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>
/// The checks AWS makes of a mixed instances policy that the simulation models: instance types named, weights given for all
/// overrides or none (1 to 999), at most 40 overrides, distribution values in range.
/// https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LaunchTemplateOverrides.html
/// </summary>
internal static class MixedInstancesRules
{
    public static void Validate(MixedInstancesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Overrides.Count > 40)
        {
            throw SimulatedAwsException.Validation("You can specify up to 40 instance types per Auto Scaling group.");
        }

        if (policy.Overrides.Any(o => string.IsNullOrWhiteSpace(o.InstanceType)))
        {
            throw SimulatedAwsException.Validation("Each launch template override must specify an instance type.");
        }

        var weights = policy.Overrides.Select(o => o.WeightedCapacity).ToList();
        if (weights.Any(w => w is null) && weights.Any(w => w is not null))
        {
            throw SimulatedAwsException.Validation("If you specify a WeightedCapacity for one instance type, you must specify one for all of them.");
        }

        if (weights.OfType<string>().Any(w => !int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 999))
        {
            throw SimulatedAwsException.Validation("WeightedCapacity must be a whole number from 1 to 999.");
        }

        if (policy.InstancesDistribution is { } d
            && (d.OnDemandBaseCapacity < 0 || d.OnDemandPercentageAboveBaseCapacity is < 0 or > 100 || d.SpotInstancePools is < 1 or > 20))
        {
            throw SimulatedAwsException.Validation("OnDemandBaseCapacity must not be negative, OnDemandPercentageAboveBaseCapacity must be 0 to 100 and SpotInstancePools 1 to 20.");
        }
    }
}
