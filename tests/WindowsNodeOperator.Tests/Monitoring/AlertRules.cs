using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Tests.Monitoring;

/// <summary>
/// The shipped PrometheusRule (<c>manifests/monitoring/prometheus-rule.yaml</c>) as a plain Prometheus rules file: its
/// <c>spec</c>, written as JSON (which is YAML). Rendered on each run, so nothing generated is checked in.
/// </summary>
internal static class AlertRules
{
    public const string FileName = "windows-node-operator.rules.yaml";

    public static string ManifestPath => RepositoryRoot.Combine("manifests", "monitoring", "prometheus-rule.yaml");

    public static string TestsDirectory => RepositoryRoot.Combine("manifests", "monitoring", "tests");

    public static JsonObject Spec() => YamlJson.Parse(File.ReadAllText(ManifestPath))["spec"]!.AsObject();

    public static IEnumerable<JsonObject> Alerts(JsonObject spec) =>
        spec["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!.AsObject()).Where(r => r["alert"] is not null);

    /// <summary>Writes the rules file into <paramref name="directory"/>, after <paramref name="adjust"/> changed the rules (a test's copy only).</summary>
    public static string WriteTo(string directory, Action<JsonObject>? adjust = null)
    {
        var spec = Spec();
        foreach (var rule in Alerts(spec))
        {
            adjust?.Invoke(rule);
        }

        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, spec.ToJsonString());
        return path;
    }
}
