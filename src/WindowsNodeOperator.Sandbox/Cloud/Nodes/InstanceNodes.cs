using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Cloud.Nodes;

/// <summary>The Node a simulated instance registers as, built by the same <see cref="NodeManifest"/> the fleet seeder uses.</summary>
public static class InstanceNodes
{
    /// <summary>The fleet's view of an instance; <paramref name="imageName"/>, its AMI's name, says a Windows instance's OS build.</summary>
    public static SimulatedInstance ToFleetInstance(Ec2Instance instance, string? imageName = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new SimulatedInstance(
            instance.InstanceId,
            instance.AutoScalingGroupName ?? string.Empty,
            instance.Platform == "windows" ? NodeOs.Windows : NodeOs.Linux,
            instance.InstanceType,
            instance.AvailabilityZone,
            instance.PrivateIpAddress,
            instance.ImageId,
            instance.NetworkInterfaceAttachTime,
            WindowsBuilds.OfImageName(imageName),
            instance.PrivateDnsName,
            imageName);
    }

    /// <summary>The Node object (status included) to create when <paramref name="instance"/> has booted.</summary>
    public static JsonObject Manifest(Ec2Instance instance, FleetOptions options) => NodeManifest.For(ToFleetInstance(instance), options);

    /// <summary>The name of the instance's Node: its private DNS name, as EKS names nodes.</summary>
    public static string NodeName(Ec2Instance instance) => ToFleetInstance(instance).NodeName;
}
