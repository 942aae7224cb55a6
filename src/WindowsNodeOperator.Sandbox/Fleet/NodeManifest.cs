using System.Globalization;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>The Node object an EKS instance registers as, with the labels and status a kubelet reports.</summary>
public static class NodeManifest
{
    /// <summary>The label naming a node's group, as eksctl sets it.</summary>
    public const string GroupLabel = "alpha.eksctl.io/nodegroup-name";

    /// <summary>How long after launch an instance's kubelet registers its Node.</summary>
    public static TimeSpan BootTime { get; } = TimeSpan.FromMinutes(4);

    public static JsonObject For(SimulatedInstance instance, FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var windows = instance.Os == NodeOs.Windows;
        var os = windows ? "windows" : "linux";
        var registered = (instance.LaunchTime + BootTime).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var labels = new JsonObject
        {
            ["kubernetes.io/os"] = os,
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = instance.NodeName,
            ["node.kubernetes.io/instance-type"] = instance.InstanceType,
            ["topology.kubernetes.io/region"] = options.Region,
            ["topology.kubernetes.io/zone"] = instance.AvailabilityZone,
        };
        if (options.NodeGroupLabels)
        {
            labels[GroupLabel] = instance.GroupName;
        }

        var build = instance.WindowsBuild ?? WindowsBuilds.V2022;
        var (osImage, kernel) = WindowsBuilds.NodeInfo(build);
        if (windows)
        {
            labels[WindowsBuilds.Label] = build;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject
            {
                ["name"] = instance.NodeName,
                ["creationTimestamp"] = registered,
                ["labels"] = labels,
            },
            ["spec"] = new JsonObject { ["providerID"] = instance.ProviderId },
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", registered),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", registered),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID", registered),
                    Condition("Ready", "True", "KubeletReady", registered)),
                ["addresses"] = new JsonArray(
                    Address("InternalIP", instance.PrivateIp),
                    Address("Hostname", instance.NodeName),
                    Address("InternalDNS", instance.NodeName)),
                ["capacity"] = Resources("4", "16Gi", windows ? "29" : "58"),
                ["allocatable"] = Resources("3920m", "15Gi", windows ? "29" : "58"),
                ["nodeInfo"] = new JsonObject
                {
                    ["architecture"] = "amd64",
                    ["operatingSystem"] = os,
                    ["osImage"] = windows ? osImage : "Amazon Linux 2023.6.20241212",
                    ["kernelVersion"] = windows ? kernel : "6.1.119-129.201.amzn2023.x86_64",
                    ["containerRuntimeVersion"] = "containerd://1.7.23",
                    ["kubeletVersion"] = $"v{options.KubernetesVersion}.2-eks-7f9249a",
                    ["kubeProxyVersion"] = $"v{options.KubernetesVersion}.2-eks-7f9249a",
                    ["machineID"] = instance.InstanceId,
                    ["systemUUID"] = instance.InstanceId,
                    ["bootID"] = instance.InstanceId,
                },
            },
        };
    }

    private static JsonObject Condition(string type, string status, string reason, string time) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["reason"] = reason,
        ["message"] = reason == "KubeletReady" ? "kubelet is posting ready status" : $"kubelet reports {type} {status}",
        ["lastHeartbeatTime"] = time,
        ["lastTransitionTime"] = time,
    };

    private static JsonObject Address(string type, string address) => new() { ["type"] = type, ["address"] = address };

    private static JsonObject Resources(string cpu, string memory, string pods) => new()
    {
        ["cpu"] = cpu,
        ["memory"] = memory,
        ["pods"] = pods,
        ["ephemeral-storage"] = "50Gi",
    };
}
