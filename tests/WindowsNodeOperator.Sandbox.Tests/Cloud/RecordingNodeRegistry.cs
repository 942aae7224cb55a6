using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Nodes;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

internal sealed class RecordingNodeRegistry : ISimulatedNodeRegistry
{
    public List<Ec2Instance> Booted { get; } = [];

    public List<Ec2Instance> Terminated { get; } = [];

    public bool HasBooted(string instanceId) => Booted.Any(i => i.InstanceId == instanceId);

    public void InstanceBooted(Ec2Instance instance, string? imageName) => Booted.Add(instance);

    public void InstanceTerminated(Ec2Instance instance) => Terminated.Add(instance);
}
