using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Tests.Fleet;

public sealed class FleetSeederTests
{
    private readonly RecordingWriter _writer = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Seeds_a_node_for_every_instance_with_its_os_and_group()
    {
        var fleet = await new FleetSeeder(_writer, _time).SeedAsync(new FleetOptions(), CancellationToken.None);

        var nodes = _writer.OfKind("Node");
        Assert.Equal(fleet.Instances.Count, nodes.Count);
        foreach (var instance in fleet.Instances)
        {
            var node = nodes.Single(n => Name(n) == instance.NodeName);
            Assert.Equal(instance.Os == NodeOs.Windows ? "windows" : "linux", node["metadata"]!["labels"]!["kubernetes.io/os"]!.GetValue<string>());
            Assert.Equal(instance.ProviderId, node["spec"]!["providerID"]!.GetValue<string>());
            Assert.Equal("True", node["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready")!["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Workload_pods_land_only_on_nodes_of_their_os_and_point_at_their_stored_owner()
    {
        var fleet = await new FleetSeeder(_writer, _time).SeedAsync(new FleetOptions(), CancellationToken.None);

        var byNode = fleet.Instances.ToDictionary(i => i.NodeName);
        var pods = _writer.OfKind("Pod");
        Assert.Equal(fleet.Pods, pods.Count);
        foreach (var pod in pods)
        {
            var os = pod["spec"]!["nodeSelector"]!["kubernetes.io/os"]!.GetValue<string>();
            var node = byNode[pod["spec"]!["nodeName"]!.GetValue<string>()];
            Assert.Equal(os == "windows" ? NodeOs.Windows : NodeOs.Linux, node.Os);
            var owner = pod["metadata"]!["ownerReferences"]![0]!;
            var stored = _writer.Created.Single(o => Name(o) == owner["name"]!.GetValue<string>() && o["kind"]!.GetValue<string>() == owner["kind"]!.GetValue<string>());
            Assert.Equal(stored["metadata"]!["uid"]!.GetValue<string>(), owner["uid"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Every_daemonset_has_one_pod_on_each_node_of_its_os_and_each_budgeted_workload_a_pdb()
    {
        var options = new FleetOptions();
        var fleet = await new FleetSeeder(_writer, _time).SeedAsync(options, CancellationToken.None);

        foreach (var daemonSet in options.DaemonSets)
        {
            var podNodes = _writer.OfKind("Pod")
                .Where(p => p["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>() == daemonSet.Name)
                .Select(p => p["spec"]!["nodeName"]!.GetValue<string>())
                .Order();
            Assert.Equal(fleet.Instances.Where(i => i.Os == daemonSet.Os).Select(i => i.NodeName).Order(), podNodes);
        }

        var pdbs = _writer.OfKind("PodDisruptionBudget").Select(Name).Order();
        Assert.Equal(["coredns", "iis-frontend", "orders-api"], pdbs);
        Assert.Contains(_writer.OfKind("Namespace"), n => Name(n) == "windows-apps");
    }

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    private sealed class RecordingWriter : IClusterWriter
    {
        public List<JsonObject> Created { get; } = [];

        public List<JsonObject> OfKind(string kind) => Created.Where(o => o["kind"]!.GetValue<string>() == kind).ToList();

        public Task<JsonObject> CreateAsync(JsonObject obj, CancellationToken ct)
        {
            var stored = obj.DeepClone().AsObject();
            stored["metadata"]!["uid"] = Guid.NewGuid().ToString();
            Created.Add(stored);
            return Task.FromResult(stored);
        }
    }
}
