using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Tests;

/// <summary>The seeded sandbox as a newcomer meets it: the samples apply, and kubectl lists what was applied and seeded.</summary>
public sealed class SandboxClusterTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sandbox-cluster-").FullName;
    private SandboxCluster _cluster = null!;
    private Kubectl _kubectl = null!;

    public async Task InitializeAsync()
    {
        var crd = await File.ReadAllTextAsync(RepositoryRoot.Combine("manifests", "crd", "windowsnodepolicies.yaml"));
        _cluster = await SandboxCluster.StartAsync(new SandboxApiServerOptions { CrdDocuments = [crd] }, new FleetOptions());
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        _cluster.Server.WriteKubeconfig(kubeconfig);
        _kubectl = new Kubectl(kubeconfig, Path.Combine(_dir, "cache"));
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_samples_apply_and_kubectl_lists_policies_and_windows_nodes()
    {
        var apply = await _kubectl.RunAsync("apply", "-f", RepositoryRoot.Combine("manifests", "samples"));
        Assert.True(apply.ExitCode == 0, apply.ToString());

        var policies = await _kubectl.RunAsync("get", "wnp", "-o", "name");
        Assert.True(policies.ExitCode == 0, policies.ToString());
        var samples = Directory.GetFiles(RepositoryRoot.Combine("manifests", "samples"), "*.yaml").Length;
        Assert.Equal(samples, policies.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var nodes = await _kubectl.RunAsync("get", "nodes", "-l", "kubernetes.io/os=windows", "-o", "name");
        Assert.True(nodes.ExitCode == 0, nodes.ToString());
        var expected = _cluster.Fleet.Instances.Where(i => i.Os == NodeOs.Windows).Select(i => $"node/{i.NodeName}").Order();
        Assert.Equal(expected, nodes.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task An_invalid_policy_is_refused_with_the_fields_named_and_nothing_stored()
    {
        const string bad = """
            apiVersion: windowsnode.io/v1alpha1
            kind: WindowsNodePolicy
            metadata:
              name: invalid
            spec:
              autoScalingGroups:
                names: [eks-windows-a]
                tags: {windowsnode.io/managed: "true"}
              maxNodeAge: 0d
            """;

        var apply = await _kubectl.RunWithInputAsync(bad, "apply", "-f", "-");

        Assert.NotEqual(0, apply.ExitCode);
        Assert.Contains("spec.maxNodeAge", apply.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.autoScalingGroups", apply.Stderr, StringComparison.Ordinal);
        Assert.Null(_cluster.Server.Store.Find("windowsnode.io/v1alpha1", "windowsnodepolicies", null, "invalid"));
    }

    [Fact]
    public async Task Seeded_nodes_keep_the_age_of_their_instances_and_show_their_pods()
    {
        // The oldest node that runs pods (a Windows node of the default fleet runs no DaemonSet pod, so it may have none).
        var oldest = _cluster.Fleet.Instances
            .Where(i => _cluster.Server.Store.List("v1", "pods", fieldSelector: $"spec.nodeName={i.NodeName}").Count > 0)
            .MinBy(i => i.LaunchTime)!;
        var node = _cluster.Server.Store.Find("v1", "nodes", null, oldest.NodeName)!;
        var created = DateTimeOffset.Parse(node["metadata"]!["creationTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(oldest.LaunchTime + NodeManifest.BootTime, created);

        var describe = await _kubectl.RunAsync("describe", "node", oldest.NodeName);
        Assert.True(describe.ExitCode == 0, describe.ToString());
        Assert.Contains(oldest.ProviderId, describe.Stdout, StringComparison.Ordinal);
        var pods = _cluster.Server.Store.List("v1", "pods", fieldSelector: $"spec.nodeName={oldest.NodeName}");
        Assert.NotEmpty(pods);
        Assert.All(pods, p => Assert.Contains(p["metadata"]!["name"]!.GetValue<string>(), describe.Stdout, StringComparison.Ordinal));
    }

    [Fact]
    public void Pdbs_of_the_seeded_workloads_allow_exactly_what_their_budgets_say()
    {
        var pdbs = _cluster.Server.Store.List("policy/v1", "poddisruptionbudgets", "windows-apps").ToDictionary(p => p["metadata"]!["name"]!.GetValue<string>());

        // iis-frontend: 4 ready replicas, minAvailable 3; orders-api: 3 ready, maxUnavailable 1.
        Assert.Equal(1, Allowed(pdbs["iis-frontend"]));
        Assert.Equal(1, Allowed(pdbs["orders-api"]));

        static int Allowed(JsonObject pdb) => pdb["status"]!["disruptionsAllowed"]!.GetValue<int>();
    }
}
