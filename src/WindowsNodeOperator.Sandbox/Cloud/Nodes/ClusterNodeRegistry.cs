using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Controllers;

namespace WindowsNodeOperator.Sandbox.Cloud.Nodes;

/// <summary>Joins the simulated account to the sandbox cluster: a booted instance registers its Node, a terminated one loses it.</summary>
public sealed class ClusterNodeRegistry(ISimulatedNodeLifecycle cluster) : ISimulatedNodeRegistry
{
    public void InstanceBooted(Ec2Instance instance, string? imageName) =>
        cluster.InstanceBooted(InstanceNodes.ToFleetInstance(instance, imageName));

    public void InstanceTerminated(Ec2Instance instance) => cluster.InstanceTerminated(InstanceNodes.ToFleetInstance(instance).ProviderId);
}
