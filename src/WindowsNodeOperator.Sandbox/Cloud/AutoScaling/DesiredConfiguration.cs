using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>
/// The configuration an instance refresh moves the group to, a launch template or a mixed instances policy (one of the two),
/// and that replaces the group's own once the refresh succeeds.
/// https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DesiredConfiguration.html
/// </summary>
public sealed record DesiredConfiguration(LaunchTemplateSpecification? LaunchTemplate, MixedInstancesPolicy? MixedInstancesPolicy = null)
{
    /// <summary>The launch template the refresh launches from: the one given, or the policy's.</summary>
    public LaunchTemplateSpecification Template =>
        MixedInstancesPolicy?.LaunchTemplateSpecification ?? LaunchTemplate ?? throw new InvalidOperationException("The desired configuration names no launch template.");
}
