using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Controllers;

/// <summary>
/// What the simulated cloud tells the cluster about its instances: one booted (its kubelet registers a Node), or
/// one was terminated (its Node goes NotReady and is deleted after a grace, as the cloud node lifecycle controller does).
/// </summary>
public interface ISimulatedNodeLifecycle
{
    void InstanceBooted(SimulatedInstance instance);

    void InstanceTerminated(string providerId);
}
