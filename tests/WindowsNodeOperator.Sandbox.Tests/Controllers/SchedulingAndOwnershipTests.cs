using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

public sealed class SchedulingAndOwnershipTests
{
    [Fact]
    public async Task A_noschedule_taint_keeps_pods_off_a_node_unless_they_tolerate_it()
    {
        using var cluster = await SeedAsync();
        var free = cluster.Windows.Last().NodeName;
        foreach (var node in cluster.Windows.Where(i => i.NodeName != free))
        {
            cluster.Store.Patch("v1", "nodes", null, node.NodeName, SandboxPatchType.Merge,
                JsonNode.Parse("""{"spec":{"taints":[{"key":"dedicated","value":"gpu","effect":"NoSchedule"}]}}""")!);
        }

        cluster.Store.Create(NewDeployment("plain", replicas: 3, tolerate: false));
        cluster.Store.Create(NewDeployment("tolerant", replicas: 13, tolerate: true));
        cluster.Step();

        Assert.All(cluster.Pods("windows-apps", "plain"), p => Assert.Equal(free, NodeName(p)));

        // Spread by fewest pods: the tainted nodes, unevenly loaded by the seeded workloads (2 to 4 pods), end within one pod of each other.
        var tolerant = cluster.Pods("windows-apps", "tolerant");
        Assert.Equal(13, tolerant.Count(p => NodeName(p) is not null));
        Assert.DoesNotContain(tolerant, p => NodeName(p) == free);
        var loads = cluster.Windows.Where(i => i.NodeName != free).Select(i => cluster.PodsOn(i.NodeName).Count).ToList();
        Assert.InRange(loads.Max() - loads.Min(), 0, 1);
    }

    [Fact]
    public async Task A_deployment_without_a_replicaset_gets_one_named_by_its_template_hash_and_deleting_it_removes_replicaset_and_pods()
    {
        using var cluster = await SeedAsync();
        cluster.Store.Create(NewDeployment("web", replicas: 2, tolerate: false));
        cluster.Step();

        var rs = Assert.Single(cluster.Store.List("apps/v1", "replicasets", "windows-apps", "app.kubernetes.io/name=web"));
        var hash = rs["metadata"]!["labels"]!["pod-template-hash"]!.GetValue<string>();
        Assert.Equal($"web-{hash}", Name(rs));
        Assert.Equal(10, hash.Length);
        var pods = cluster.Pods("windows-apps", "web");
        Assert.Equal(2, pods.Count);
        Assert.All(pods, p => Assert.Equal(hash, p["metadata"]!["labels"]!["pod-template-hash"]!.GetValue<string>()));
        Assert.All(pods, p => Assert.StartsWith($"web-{hash}-", Name(p), StringComparison.Ordinal));

        cluster.Store.Delete("apps/v1", "deployments", "windows-apps", "web");
        cluster.Step();
        cluster.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(cluster.Store.List("apps/v1", "replicasets", "windows-apps", "app.kubernetes.io/name=web"));
        Assert.Empty(cluster.Pods("windows-apps", "web"));
        Assert.Equal(4, cluster.Pods("windows-apps", "iis-frontend").Count);
    }

    [Fact]
    public async Task Scaling_down_removes_unstarted_pods_before_running_ones()
    {
        using var cluster = await SeedAsync();
        var running = cluster.Pods("windows-apps", "iis-frontend").Select(Name).ToHashSet();
        Scale(cluster, 6);
        cluster.Step();
        Assert.Equal(6, cluster.Pods("windows-apps", "iis-frontend").Count);

        Scale(cluster, 4);
        cluster.Step();

        // The surplus stops (Terminating) and is gone once its containers are: they had not started, nothing to wait for.
        Assert.Equal(2, cluster.Pods("windows-apps", "iis-frontend").Count(p => p["metadata"]!["deletionTimestamp"] is not null));
        cluster.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(running.Order(), cluster.Pods("windows-apps", "iis-frontend").Select(Name).Order());
    }

    private static void Scale(ControlledCluster cluster, int replicas) =>
        cluster.Store.Patch("apps/v1", "deployments", "windows-apps", "iis-frontend", SandboxPatchType.Merge,
            new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } });

    private static JsonObject NewDeployment(string name, int replicas, bool tolerate)
    {
        var podSpec = new JsonObject
        {
            ["nodeSelector"] = new JsonObject { ["kubernetes.io/os"] = "windows" },
            ["containers"] = new JsonArray(new JsonObject { ["name"] = name, ["image"] = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }),
        };
        if (tolerate)
        {
            podSpec["tolerations"] = new JsonArray(new JsonObject { ["key"] = "dedicated", ["operator"] = "Equal", ["value"] = "gpu", ["effect"] = "NoSchedule" });
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "windows-apps" },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = name } },
                    ["spec"] = podSpec,
                },
            },
        };
    }
}
