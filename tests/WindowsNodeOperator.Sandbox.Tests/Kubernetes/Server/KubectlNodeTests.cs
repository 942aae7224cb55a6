using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Server;

/// <summary>The real kubectl against the sandbox: nodes, cordon and drain.</summary>
public sealed class KubectlNodeTests(SandboxServerFixture fx) : IClassFixture<SandboxServerFixture>
{
    [Fact]
    public async Task Get_nodes_by_label_shows_only_windows_nodes()
    {
        fx.SeedNode("win-label-1");
        fx.SeedNode("linux-label-1", windows: false);

        var result = await fx.Kubectl.RunAsync("get", "nodes", "-l", "kubernetes.io/os=windows", "-o", "wide");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP", result.Stdout);
        Assert.Matches(@"win-label-1\s+Ready\s+", result.Stdout);
        Assert.DoesNotContain("linux-label-1", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cordon_sets_unschedulable()
    {
        fx.SeedNode("win-cordon-1");

        var result = await fx.Kubectl.RunAsync("cordon", "win-cordon-1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("node/win-cordon-1 cordoned", result.Stdout, StringComparison.Ordinal);
        var node = fx.Store.Find("v1", "Node", null, "win-cordon-1")!;
        Assert.True(node["spec"]!["unschedulable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Drain_dry_run_server_evicts_nothing_and_skips_daemonset_pods()
    {
        fx.SeedNode("win-drain-1");
        var ds = fx.Store.Create(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "DaemonSet",
            ["metadata"] = new JsonObject { ["name"] = "node-exporter", ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "node-exporter" } } },
        });
        var owner = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "DaemonSet",
            ["name"] = "node-exporter",
            ["uid"] = ds["metadata"]!["uid"]!.GetValue<string>(),
            ["controller"] = true,
        });
        fx.SeedPod("default", "exporter-drain-1", "win-drain-1", new JsonObject { ["app"] = "node-exporter" }, owner);
        fx.SeedPod("default", "web-drain-1", "win-drain-1", new JsonObject { ["app"] = "web" }, new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["name"] = "web-abc",
            ["uid"] = Guid.NewGuid().ToString(),
            ["controller"] = true,
        }));

        var result = await fx.Kubectl.RunAsync("drain", "win-drain-1", "--dry-run=server", "--ignore-daemonsets", "--delete-emptydir-data");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("evicting pod default/web-drain-1 (server dry run)", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Contains("ignoring DaemonSet-managed Pods: default/exporter-drain-1", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("node/win-drain-1 drained (server dry run)", result.Stdout, StringComparison.Ordinal);
        Assert.NotNull(fx.Store.Find("v1", "Pod", "default", "web-drain-1"));
        Assert.Null(fx.Store.Find("v1", "Node", null, "win-drain-1")!["spec"]!["unschedulable"]);
    }
}
