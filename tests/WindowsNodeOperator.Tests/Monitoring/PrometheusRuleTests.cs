using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Tests.Monitoring;

/// <summary>
/// The shipped alerts evaluated by Prometheus' own rule engine: <c>promtool test rules</c> runs the unit tests in
/// <c>manifests/monitoring/tests/</c> against the rules rendered from the PrometheusRule.
/// </summary>
public sealed class PrometheusRuleTests
{
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task The_rendered_rules_pass_promtool_check()
    {
        using var dir = new TempDirectory("wno-rules-");
        var rules = AlertRules.WriteTo(dir.Path);

        var result = await PrometheusTools.RunAsync(PrometheusTools.Promtool, ["check", "rules", rules], dir.Path, Within);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"SUCCESS: {AlertRules.Alerts(AlertRules.Spec()).Count()} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_alert_fires_and_clears_as_its_promtool_tests_say()
    {
        using var dir = new TempDirectory("wno-rules-");
        AlertRules.WriteTo(dir.Path);
        var files = TestFiles().Select(f =>
        {
            File.Copy(f, dir.Combine(Path.GetFileName(f)));
            return Path.GetFileName(f);
        }).ToList();

        var result = await PrometheusTools.RunAsync(PrometheusTools.Promtool, ["test", "rules", .. files], dir.Path, Within);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(files.Count, result.Output.Split('\n').Count(l => l.Trim() == "SUCCESS"));
    }

    [Fact]
    public void Every_alert_has_a_firing_and_a_quiet_case()
    {
        var cases = TestFiles()
            .Select(f => YamlJson.Parse(File.ReadAllText(f)))
            .SelectMany(t => t["tests"]!.AsArray())
            .SelectMany(t => t!["alert_rule_test"]?.AsArray() ?? [])
            .Select(c => (Alert: c!["alertname"]!.GetValue<string>(), Fires: c["exp_alerts"]!.AsArray().Count > 0))
            .ToList();

        foreach (var alert in AlertRules.Alerts(AlertRules.Spec()).Select(a => a["alert"]!.GetValue<string>()))
        {
            Assert.True(cases.Contains((alert, true)), $"no rule test where {alert} fires");
            Assert.True(cases.Contains((alert, false)), $"no rule test where {alert} stays quiet");
        }
    }

    [Fact]
    public void Every_alert_has_a_severity_a_summary_a_description_and_a_runbook()
    {
        var runbooks = File.ReadAllText(RepositoryRoot.Combine("docs", "runbooks.md"));
        foreach (var alert in AlertRules.Alerts(AlertRules.Spec()))
        {
            var name = alert["alert"]!.GetValue<string>();
            Assert.Contains(alert["labels"]!["severity"]!.GetValue<string>(), new[] { "warning", "critical" });
            var annotations = alert["annotations"]!.AsObject();
            Assert.False(string.IsNullOrWhiteSpace(annotations["summary"]?.GetValue<string>()), name);
            Assert.False(string.IsNullOrWhiteSpace(annotations["description"]?.GetValue<string>()), name);
            Assert.EndsWith("docs/runbooks.md#" + name.ToLowerInvariant(), annotations["runbook_url"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains($"\n## {name}\n", runbooks, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> TestFiles() =>
        Directory.EnumerateFiles(AlertRules.TestsDirectory, "*.yaml").Order(StringComparer.Ordinal);
}
