using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Schema;
using WindowsNodeOperator.Tests.Monitoring;

namespace WindowsNodeOperator.Tests.Hosting;

/// <summary>
/// <c>kubectl kustomize</c> (the real kubectl): the default build applies on a cluster without the Prometheus Operator,
/// and the documented overlay adds the monitoring component.
/// </summary>
public sealed class KustomizeTests
{
    [Fact]
    public async Task The_default_build_has_no_prometheus_operator_objects()
    {
        var objects = await BuildAsync("manifests");

        Assert.Contains(objects, o => Kind(o) == "Deployment");
        Assert.DoesNotContain(objects, o => ApiVersion(o).StartsWith("monitoring.coreos.com/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_monitoring_overlay_adds_the_service_monitor_and_the_shipped_rules()
    {
        var objects = await BuildAsync("overlays", "monitoring");

        Assert.Contains(objects, o => Kind(o) == "Deployment");
        Assert.Single(objects, o => Kind(o) == "ServiceMonitor" && ApiVersion(o) == "monitoring.coreos.com/v1");
        var rule = Assert.Single(objects, o => Kind(o) == "PrometheusRule" && ApiVersion(o) == "monitoring.coreos.com/v1");
        Assert.True(JsonNode.DeepEquals(AlertRules.Spec(), rule["spec"]), "the overlay's PrometheusRule is the shipped one");
    }

    private static async Task<IReadOnlyList<JsonNode>> BuildAsync(params string[] path)
    {
        var result = await PrometheusTools.RunAsync("kubectl", ["kustomize", RepositoryRoot.Combine(path)], RepositoryRoot.Path, TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.ToString());
        return YamlJson.ParseDocuments(result.Output);
    }

    private static string Kind(JsonNode o) => o["kind"]!.GetValue<string>();

    private static string ApiVersion(JsonNode o) => o["apiVersion"]!.GetValue<string>();
}
