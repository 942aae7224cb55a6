using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

public sealed class StatefulSetTests
{
    private static readonly TimeSpan WindowsStart = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PodStop = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Pods_are_created_in_order_each_after_the_one_before_is_ready()
    {
        using var cluster = await SeedAsync();
        cluster.Store.Create(StatefulSet("ledger", replicas: 3));
        cluster.Step();
        Assert.Equal(["ledger-0"], Names(cluster));

        cluster.Advance(WindowsStart);
        Assert.Equal(["ledger-0", "ledger-1"], Names(cluster));

        cluster.Advance(WindowsStart);
        cluster.Advance(WindowsStart);
        Assert.Equal(["ledger-0", "ledger-1", "ledger-2"], Names(cluster));
        Assert.All(cluster.Pods("windows-apps", "ledger"), p => Assert.Equal("Running", Phase(p)));
        var sts = cluster.Store.Find("apps/v1", "statefulsets", "windows-apps", "ledger")!;
        Assert.Equal((3, 3), (Count(sts, "replicas"), Count(sts, "readyReplicas")));
    }

    [Fact]
    public async Task An_evicted_statefulset_pod_comes_back_under_its_own_name_with_a_new_uid_and_its_ordinal_labels()
    {
        using var cluster = await SeedAsync();
        cluster.Store.Create(StatefulSet("ledger", replicas: 2, parallel: true));
        cluster.Step();
        cluster.Advance(WindowsStart);
        Assert.Equal(["ledger-0", "ledger-1"], Names(cluster));
        var before = cluster.Pod("windows-apps", "ledger-1");

        // Evicted, the pod stops: Terminating, it holds its name, so no new ledger-1 yet.
        cluster.Evict("windows-apps", "ledger-1");
        cluster.Step();
        Assert.Equal(before["metadata"]!["uid"]!.GetValue<string>(), cluster.Pod("windows-apps", "ledger-1")["metadata"]!["uid"]!.GetValue<string>());
        Assert.NotNull(cluster.Pod("windows-apps", "ledger-1")["metadata"]!["deletionTimestamp"]);

        // Its containers gone (it handles the stop signal), the kubelet removes it and the StatefulSet recreates it.
        cluster.Advance(PodStop);

        var after = cluster.Pod("windows-apps", "ledger-1");
        Assert.NotEqual(before["metadata"]!["uid"]!.GetValue<string>(), after["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("ledger-1", after["metadata"]!["labels"]!["statefulset.kubernetes.io/pod-name"]!.GetValue<string>());
        Assert.Equal("1", after["metadata"]!["labels"]!["apps.kubernetes.io/pod-index"]!.GetValue<string>());
        Assert.Equal("ledger-1", after["spec"]!["hostname"]!.GetValue<string>());
        Assert.NotNull(NodeName(after));
        Assert.Equal("Pending", Phase(after));

        cluster.Advance(WindowsStart);
        Assert.Equal("Running", Phase(cluster.Pod("windows-apps", "ledger-1")));
    }

    [Fact]
    public async Task Scaling_down_removes_the_highest_ordinal_first()
    {
        using var cluster = await SeedAsync();
        cluster.Store.Create(StatefulSet("ledger", replicas: 3, parallel: true));
        cluster.Step();
        cluster.Advance(WindowsStart);

        cluster.Store.Patch("apps/v1", "statefulsets", "windows-apps", "ledger", SandboxPatchType.Merge, JsonNode.Parse("""{"spec":{"replicas":1}}""")!);
        cluster.Step();
        Assert.All(cluster.Pods("windows-apps", "ledger").Where(p => Name(p) != "ledger-0"), p => Assert.NotNull(p["metadata"]!["deletionTimestamp"]));
        cluster.Advance(PodStop);

        Assert.Equal(["ledger-0"], Names(cluster));
    }

    private static IEnumerable<string> Names(ControlledCluster cluster) => cluster.Pods("windows-apps", "ledger").Select(Name).Order();

    private static JsonObject StatefulSet(string name, int replicas, bool parallel = false)
    {
        var labels = new JsonObject { ["app.kubernetes.io/name"] = name };
        var spec = new JsonObject
        {
            ["replicas"] = replicas,
            ["serviceName"] = name,
            ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                ["spec"] = new JsonObject
                {
                    ["nodeSelector"] = new JsonObject { ["kubernetes.io/os"] = "windows" },
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = name, ["image"] = "mcr.microsoft.com/windows/servercore:ltsc2022" }),
                },
            },
        };
        if (parallel)
        {
            spec["podManagementPolicy"] = "Parallel";
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "windows-apps", ["labels"] = labels },
            ["spec"] = spec,
        };
    }
}
