using System.Text.Json.Nodes;
using k8s;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Sandbox;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Tests.Cluster;

/// <summary>A freshly seeded sandbox cluster, the real adapter over HTTP, and kubectl; one per test, since tests evict and cordon.</summary>
internal sealed class SandboxClusterFixture : IAsyncDisposable
{
    private readonly string _dir;
    private readonly Kubernetes _client;

    private SandboxClusterFixture(string dir, SandboxCluster cluster, Kubernetes client, RecordedRequests requests)
    {
        Requests = requests;
        _dir = dir;
        Cluster = cluster;
        _client = client;
        Adapter = new KubernetesClusterClient(client, TimeProvider.System);
        Kubectl = new Kubectl(Kubeconfig, Path.Combine(dir, "cache"));
    }

    public SandboxCluster Cluster { get; }

    public ISandboxStore Store => Cluster.Server.Store;

    public KubernetesClusterClient Adapter { get; }

    public Kubectl Kubectl { get; }

    /// <summary>Every request the adapter sent, as <c>METHOD path?query</c>.</summary>
    public RecordedRequests Requests { get; }

    private string Kubeconfig => Path.Combine(_dir, "kubeconfig");

    /// <summary>
    /// The default fleet with the Windows agent DaemonSets, so a drain has DaemonSet pods to leave; its pods stop at once
    /// when deleted (this sandbox runs on the system clock), so the kubelets confirm a deletion at their next step.
    /// </summary>
    public static async Task<SandboxClusterFixture> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("cluster-sandbox-").FullName;
        var fleet = FleetOptions.WithWindowsAgents() with { Timings = new FleetTimings { PodStop = TimeSpan.Zero } };
        var cluster = await SandboxCluster.StartAsync(new SandboxApiServerOptions(), fleet);
        cluster.Server.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
        var requests = new RecordedRequests();
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(dir, "kubeconfig")), requests);
        return new SandboxClusterFixture(dir, cluster, client, requests);
    }

    /// <summary>The seeded pods of a workload (by its app label), with the nodes they run on.</summary>
    public IReadOnlyList<(string Name, string Node)> PodsOf(string ns, string app) =>
        Store.List("v1", "pods", ns, labelSelector: $"app.kubernetes.io/name={app}")
            .Select(p => (p["metadata"]!["name"]!.GetValue<string>(), p["spec"]!["nodeName"]!.GetValue<string>()))
            .OrderBy(p => p.Item1, StringComparer.Ordinal)
            .ToList();

    public JsonObject Node(string name) => Store.Find("v1", "nodes", null, name) ?? throw new InvalidOperationException($"no node {name}");

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
