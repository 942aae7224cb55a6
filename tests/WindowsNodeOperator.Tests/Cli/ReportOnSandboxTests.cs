using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Tests.Cli;

/// <summary>`report` against a seeded sandbox whose fleet fails hardening checks on purpose, over the real wire protocols.</summary>
public sealed class ReportOnSandboxTests : IAsyncLifetime
{
    private static readonly string[] ReadOperations = ["ec2:Describe", "ssm:Get", "ssm:Describe", "autoscaling:Describe"];
    private AuditSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await AuditSandbox.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task It_reports_every_Windows_node_with_its_group_verdict_and_checks_and_only_reads()
    {
        var (exit, output, error) = await _sandbox.RunAsync("report", "--kubeconfig", _sandbox.Kubeconfig, "-o", "json");

        Assert.True(exit == 1, $"exit {exit}: {error}");
        var nodes = JsonNode.Parse(output)!["nodes"]!.AsArray().Select(n => n!.AsObject()).ToDictionary(n => n["node"]!.GetValue<string>());
        var windows = _sandbox.Cluster.Fleet.Instances.Where(i => i.Os == NodeOs.Windows).ToList();
        Assert.Equal(windows.Select(i => i.NodeName).Order(), nodes.Keys.Order());
        var now = _sandbox.Time.GetUtcNow();
        foreach (var instance in windows)
        {
            var row = nodes[instance.NodeName];
            var age = now - instance.LaunchTime;
            Assert.Equal(instance.GroupName, row["group"]!.GetValue<string>());
            Assert.Equal(instance.InstanceId, row["instance"]!.GetValue<string>());
            Assert.Equal(instance.ImageId, row["ami"]!.GetValue<string>());
            var full = instance.GroupName == "eks-windows-full";
            var latest = full ? FleetPlan.MonthlyWindowsFullAmis[^1] : FleetPlan.MonthlyWindowsAmis[^1];
            Assert.Equal(latest, row["latestAmi"]!.GetValue<string>());
            var expected = age >= TimeSpan.FromDays(45) ? "expired" : instance.ImageId != latest ? "drifted" : "compliant";
            Assert.True(expected == row["verdict"]!.GetValue<string>(), $"{instance.NodeName} ({age.TotalDays:F1}d, {instance.ImageId}): {row}");

            var checks = row["checks"]!.AsObject();
            string Result(string check) => checks[check]!["result"]!.GetValue<string>();
            var legacy = instance.GroupName == "eks-windows-legacy";
            Assert.Equal(full ? "fail" : "pass", Result("serverCore"));
            Assert.Equal(full ? "fail" : "pass", Result("ssmOnline"));
            Assert.Equal(full ? "fail" : "pass", Result("rootEncrypted"));
            Assert.Equal(legacy ? "fail" : "pass", Result("rdpClosed"));
            Assert.Equal(legacy ? "fail" : "pass", Result("imdsV2"));
            Assert.Equal(instance.ImageId == FleetPlan.MonthlyWindowsAmis[0] ? "fail" : "pass", Result("amiAvailable"));
        }

        AssertOnlyReads();
    }

    [Fact]
    public async Task Its_table_fits_80_columns_and_says_what_to_change()
    {
        var (exit, output, error) = await _sandbox.RunAsync("report", "--kubeconfig", _sandbox.Kubeconfig, "--max-node-age", "90d");

        Assert.True(exit == 1, $"exit {exit}: {error}");
        var lines = output.Split('\n');
        Assert.All(lines, l => Assert.True(l.TrimEnd('\r').Length <= 80, $"{l.Length} columns: {l}"));
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
        Assert.StartsWith("NODE", lines[0], StringComparison.Ordinal);
        Assert.Contains("16 Windows nodes: ", output, StringComparison.Ordinal);
        var words = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        Assert.Contains("ssh.allow: false", words, StringComparison.Ordinal);
        Assert.Contains("AmazonSSMManagedInstanceCore", words, StringComparison.Ordinal);
        Assert.Contains("HttpTokens: required", words, StringComparison.Ordinal);
        AssertOnlyReads();
    }

    [Fact]
    public async Task Markdown_and_csv_carry_a_row_per_node_and_no_checks_skips_the_checks()
    {
        var markdown = await _sandbox.RunAsync("report", "--kubeconfig", _sandbox.Kubeconfig, "-o", "markdown");
        _sandbox.Cluster.Cloud.Calls.Reset();
        var csv = await _sandbox.RunAsync("report", "--kubeconfig", _sandbox.Kubeconfig, "-o", "csv", "--checks", "false");

        Assert.Equal(16 + 2, markdown.Output.Split('\n').Count(l => l.StartsWith('|')));
        var rows = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(17, rows.Length);
        Assert.EndsWith("verdict", rows[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Equal(0, _sandbox.Cluster.Cloud.Calls.Calls("ec2:DescribeSecurityGroups"));
        AssertOnlyReads();
    }

    [Fact]
    public async Task Without_a_cluster_it_exits_2_with_one_line()
    {
        var (exit, output, error) = await _sandbox.RunAsync("report", "--kubeconfig", Path.Combine(_sandbox.Directory, "missing"));

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("report: no cluster: ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_denied_read_names_the_missing_permission()
    {
        _sandbox.Cluster.Cloud.Faults.Set("ec2:DescribeVolumes", Sandbox.Cloud.Faults.FaultKind.AccessDenied);

        var (exit, _, error) = await _sandbox.RunAsync("report", "--kubeconfig", _sandbox.Kubeconfig);

        Assert.Equal(2, exit);
        Assert.StartsWith("report: access denied: ec2:DescribeVolumes is not allowed", error, StringComparison.Ordinal);
    }

    private void AssertOnlyReads()
    {
        var calls = _sandbox.Cluster.Cloud.Calls.Snapshot();
        Assert.NotEmpty(calls);
        Assert.All(calls.Keys, op => Assert.True(ReadOperations.Any(r => op.StartsWith(r, StringComparison.Ordinal)), $"{op} is not a read"));
        Assert.NotEmpty(_sandbox.Requests.Requests);
        Assert.All(_sandbox.Requests.Requests, r => Assert.True(r.Method == "GET", $"{r.Method} {r.Path}"));
    }
}
