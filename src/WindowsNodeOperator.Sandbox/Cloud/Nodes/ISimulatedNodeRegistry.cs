using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.Nodes;

/// <summary>
/// Told when a simulated instance's kubelet registers (boot delay after launch, never for a bad image) and when
/// a registered instance terminates, so the sandbox cluster can create and delete its Node. Called outside the
/// simulation's lock, in simulated-time order; it may call back into the simulation.
/// </summary>
public interface ISimulatedNodeRegistry
{
    /// <param name="imageName">The name of the instance's AMI, which says a Windows instance's OS build.</param>
    void InstanceBooted(Ec2Instance instance, string? imageName);

    void InstanceTerminated(Ec2Instance instance);
}
