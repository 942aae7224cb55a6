using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Server;

/// <summary>Raw HTTP against the sandbox: eviction refused by a budget, watch 410 after compaction, discovery.</summary>
public sealed class HttpApiTests(SandboxServerFixture fx) : IClassFixture<SandboxServerFixture>
{
    [Fact]
    public async Task Eviction_is_refused_with_429_when_the_budget_has_no_disruption_left()
    {
        fx.SeedNode("win-evict-1");
        fx.SeedPod("default", "db-0", "win-evict-1", new JsonObject { ["app"] = "db" });
        fx.SeedPod("default", "db-1", "win-evict-1", new JsonObject { ["app"] = "db" });
        fx.Store.Create(new JsonObject
        {
            ["apiVersion"] = "policy/v1",
            ["kind"] = "PodDisruptionBudget",
            ["metadata"] = new JsonObject { ["name"] = "db", ["namespace"] = "default" },
            ["spec"] = new JsonObject
            {
                ["minAvailable"] = 2,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "db" } },
            },
        });
        var pdb = fx.Store.Find("policy/v1", "poddisruptionbudgets", "default", "db")!;
        Assert.Equal(0, pdb["status"]!["disruptionsAllowed"]!.GetValue<int>());
        Assert.Equal(2, pdb["status"]!["currentHealthy"]!.GetValue<int>());

        var body = new JsonObject
        {
            ["apiVersion"] = "policy/v1",
            ["kind"] = "Eviction",
            ["metadata"] = new JsonObject { ["name"] = "db-0", ["namespace"] = "default" },
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await fx.Http.PostAsync("api/v1/namespaces/default/pods/db-0/eviction", content);

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("TooManyRequests", status["reason"]!.GetValue<string>());
        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", status["message"]!.GetValue<string>());
        Assert.Contains("The disruption budget db needs 2 healthy pods and has 2 currently", status["details"]!["causes"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(fx.Store.Find("v1", "Pod", "default", "db-0"));
    }

    [Fact]
    public async Task Eviction_allowed_marks_the_pod_Terminating_for_its_grace_period_and_charges_the_budget_and_grace_0_removes_it()
    {
        fx.SeedPod("default", "cache-0", "win-evict-2", new JsonObject { ["app"] = "cache" });
        fx.SeedPod("default", "cache-1", "win-evict-2", new JsonObject { ["app"] = "cache" });
        fx.Store.Create(new JsonObject
        {
            ["apiVersion"] = "policy/v1",
            ["kind"] = "PodDisruptionBudget",
            ["metadata"] = new JsonObject { ["name"] = "cache", ["namespace"] = "default" },
            ["spec"] = new JsonObject { ["maxUnavailable"] = 1, ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "cache" } } },
        });
        var body = new JsonObject { ["apiVersion"] = "policy/v1", ["kind"] = "Eviction", ["metadata"] = new JsonObject { ["name"] = "cache-0" } };

        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await fx.Http.PostAsync("api/v1/namespaces/default/pods/cache-0/eviction", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        // A pod on a node is deleted gracefully: Terminating until its kubelet (none here) confirms, its deadline the end
        // of the grace period (the API's default 30 s: the pod sets none).
        var terminating = fx.Store.Find("v1", "Pod", "default", "cache-0")!;
        Assert.Equal(30, terminating["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
        var deadline = DateTimeOffset.Parse(terminating["metadata"]!["deletionTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var created = DateTimeOffset.Parse(terminating["metadata"]!["creationTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((deadline - created).TotalSeconds, 30, 31);

        // The Terminating pod is not healthy, but is one of the budget's pods (without workload controllers the expected
        // count is the pods found, as the disruption controller's fallback).
        var status = fx.Store.Find("policy/v1", "PodDisruptionBudget", "default", "cache")!["status"]!;
        Assert.Equal(2, status["expectedPods"]!.GetValue<int>());
        Assert.Equal(1, status["currentHealthy"]!.GetValue<int>());

        // Deleted again with grace 0 (kubectl delete --force --grace-period=0), it is gone at once.
        using var force = await fx.Http.DeleteAsync("api/v1/namespaces/default/pods/cache-0?gracePeriodSeconds=0");
        Assert.Equal(HttpStatusCode.OK, force.StatusCode);
        Assert.Null(fx.Store.Find("v1", "Pod", "default", "cache-0"));
    }

    [Fact]
    public async Task Watch_from_a_compacted_resource_version_gets_a_410_error_event()
    {
        var cm = fx.Store.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "compacted", ["namespace"] = "default" },
            ["data"] = new JsonObject { ["a"] = "1" },
        });
        var oldVersion = cm["metadata"]!["resourceVersion"]!.GetValue<string>();
        fx.Store.Patch("v1", "configmaps", "default", "compacted", Sandbox.Kubernetes.Server.SandboxPatchType.Merge, JsonNode.Parse("""{"data":{"a":"2"}}""")!);
        fx.Store.CompactHistory();

        var text = await fx.Http.GetStringAsync($"api/v1/namespaces/default/configmaps?watch=true&resourceVersion={oldVersion}");

        var evt = JsonNode.Parse(text.Split('\n')[0])!;
        Assert.Equal("ERROR", evt["type"]!.GetValue<string>());
        Assert.Equal(410, evt["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", evt["object"]!["reason"]!.GetValue<string>());
        Assert.StartsWith("too old resource version: " + oldVersion, evt["object"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_lists_subresources_and_the_eviction_kind()
    {
        var core = JsonNode.Parse(await fx.Http.GetStringAsync("api/v1"))!;

        var resources = core["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("nodes/status", resources);
        Assert.Contains("pods/status", resources);
        var eviction = core["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "pods/eviction")!;
        Assert.Equal("policy", eviction["group"]!.GetValue<string>());
        Assert.Equal("Eviction", eviction["kind"]!.GetValue<string>());
        var version = JsonNode.Parse(await fx.Http.GetStringAsync("version"))!;
        Assert.Equal("v1.31.0", version["gitVersion"]!.GetValue<string>());
    }
}
