using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

/// <summary>A generated name already taken: the API server answers 409 AlreadyExists and the controllers draw again.</summary>
public sealed class GeneratedNameTests
{
    [Fact]
    public async Task The_api_server_answers_a_generated_name_already_taken_with_409_already_exists()
    {
        using var cluster = await SeedAsync(random: _ => 0);
        cluster.Store.Create(Pod("web-"));

        var error = Assert.Throws<SandboxApiException>(() => cluster.Store.Create(Pod("web-")));

        Assert.Equal((409, "AlreadyExists"), (error.Code, error.Reason));
        Assert.Equal("pods \"web-bbbbb\" already exists", error.Message);
    }

    [Fact]
    public async Task A_replicaset_whose_first_generated_name_is_taken_creates_its_pod_under_a_fresh_one()
    {
        // The first ten draws spell "bbbbb" twice (the squatter's name, then the controller's first try); later ones are random.
        var draws = 0;
        var seeded = new Random(7);
        using var cluster = await SeedAsync(random: n => draws++ < 10 ? 0 : seeded.Next(n));
        var victim = cluster.Pods("windows-apps", "iis-frontend")[0];
        var replicaSet = victim["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>();
        var squatter = cluster.Store.Create(Pod($"{replicaSet}-", "windows-apps"));
        Assert.Equal($"{replicaSet}-bbbbb", Name(squatter));

        cluster.Store.Delete("v1", "pods", "windows-apps", Name(victim));
        cluster.Step();

        // The victim is Terminating (not counted), its replacement already created.
        var pods = cluster.Pods("windows-apps", "iis-frontend").Where(p => p["metadata"]!["deletionTimestamp"] is null).ToList();
        Assert.Equal(4, pods.Count);
        Assert.DoesNotContain(pods, p => Name(p) == Name(victim) || Name(p) == Name(squatter));
        Assert.Equal(15, draws);
    }

    private static JsonObject Pod(string generateName, string ns = "default") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["generateName"] = generateName, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "i" }) },
    };
}
