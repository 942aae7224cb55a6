using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Tests.Cli;

/// <summary>`plan -f` against the seeded sandbox (config/sandbox-fleet-hardening.json) over the real wire protocols.</summary>
public sealed class PlanOnSandboxTests : IAsyncLifetime
{
    private static readonly string[] Groups = ["eks-windows-a", "eks-windows-b"];
    private AuditSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await AuditSandbox.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task It_plans_the_refreshes_of_the_known_fleet_batch_by_batch_inside_the_window_and_only_reads()
    {
        var inside = Today(23);

        var (exit, output, error) = await _sandbox.RunAsync("plan", "-f", WritePolicy(), "--kubeconfig", _sandbox.Kubeconfig, "--at", Iso(inside), "-o", "json");

        Assert.True(exit == 1, $"exit {exit}: {error}");
        var plan = JsonNode.Parse(output)!;
        Assert.Equal(FleetPlan.MonthlyWindowsAmis[^1], plan["latestAmi"]!["imageId"]!.GetValue<string>());
        Assert.NotNull(plan["latestAmi"]!["publishedAt"]);
        Assert.NotNull(plan["latestAmi"]!["createdAt"]);
        Assert.Null(plan["waitReason"]);
        Assert.StartsWith("start an instance refresh of group eks-windows-a", plan["now"]!.GetValue<string>(), StringComparison.Ordinal);

        // The known fleet: per group the nodes on an older AMI (36 days and more) are drifted, the older ones expired too.
        var groups = plan["groups"]!.AsArray().Select(g => g!).ToDictionary(g => g["group"]!.GetValue<string>());
        Assert.Equal(1, groups["eks-windows-a"]["order"]!.GetValue<int>());
        Assert.Equal(2, groups["eks-windows-b"]["order"]!.GetValue<int>());
        Assert.Contains("instance refresh (min healthy 83%)", groups["eks-windows-a"]["steps"]!.AsArray().Select(s => s!.GetValue<string>()));
        var latest = FleetPlan.MonthlyWindowsAmis[^1];
        var due = _sandbox.Cluster.Fleet.Instances
            .Where(i => Groups.Contains(i.GroupName) && (i.ImageId != latest || inside - i.LaunchTime >= TimeSpan.FromDays(45)))
            .ToList();
        var batches = plan["batches"]!.AsArray().Select(b => b!).ToList();
        Assert.Equal(due.Count, batches.Count);
        Assert.All(batches, b => Assert.Single(b["nodes"]!.AsArray()));
        Assert.All(batches, b => Assert.Equal("refresh", b["kind"]!.GetValue<string>()));
        Assert.Equal(
            due.Select(i => i.NodeName).Order(StringComparer.Ordinal),
            batches.Select(b => b["nodes"]![0]!["node"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(
            due.Where(i => i.GroupName == "eks-windows-a").Select(i => i.NodeName).Order(StringComparer.Ordinal),
            batches.Take(due.Count(i => i.GroupName == "eks-windows-a")).Select(b => b["nodes"]![0]!["node"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var first = batches[0];
        Assert.Equal(inside, first["startsAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Today(22), first["windowStart"]!.GetValue<DateTimeOffset>());
        Assert.Equal(45, plan["batchMinutes"]!.GetValue<int>());
        Assert.Equal(inside + (TimeSpan.FromMinutes(45) * due.Count), plan["compliantBy"]!.GetValue<DateTimeOffset>());
        _sandbox.AssertOnlyReads();
    }

    [Fact]
    public async Task Outside_the_window_now_waits_and_the_table_says_when_it_opens()
    {
        var outside = Today(12);

        var (exit, output, error) = await _sandbox.RunAsync("plan", "-f", WritePolicy(), "--kubeconfig", _sandbox.Kubeconfig, "--at", Iso(outside));

        Assert.True(exit == 1, $"exit {exit}: {error}");
        Assert.All(output.Split('\n'), l => Assert.True(l.TrimEnd('\r').Length <= 80, $"{l.Length} columns: {l}"));
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
        var words = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        Assert.Contains("Now: wait (OutsideMaintenanceWindow)", words, StringComparison.Ordinal);
        Assert.Contains($"Window: closed, the next opens {Today(22):yyyy-MM-dd HH:mm}Z", words, StringComparison.Ordinal);
        Assert.Contains($"Latest AMI {FleetPlan.MonthlyWindowsAmis[^1]}", words, StringComparison.Ordinal);
        Assert.Contains("BATCH", output, StringComparison.Ordinal);
        Assert.Contains("PodDisruptionBudgets: none would block a drain", words, StringComparison.Ordinal);
        Assert.Contains("Compliant by about ", words, StringComparison.Ordinal);
        _sandbox.AssertOnlyReads();
    }

    [Fact]
    public async Task An_unknown_field_is_rejected_by_its_path_before_anything_is_read()
    {
        var file = WritePolicy(refresh: "    instanceWarmup: 5m\n    warmup: 5m\n");

        var (exit, output, error) = await _sandbox.RunAsync("plan", "-f", file, "--kubeconfig", _sandbox.Kubeconfig);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("unknown field \"spec.refresh.warmup\"", error, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Cluster.Cloud.Calls.Snapshot());
    }

    [Fact]
    public async Task A_bad_value_is_rejected_with_the_field_path_and_value()
    {
        var file = WritePolicy(refresh: "    instanceWarmup: 5 minutes\n", apiVersion: "windowsnode.io/v1");

        var (exit, _, error) = await _sandbox.RunAsync("plan", "-f", file, "--kubeconfig", _sandbox.Kubeconfig);

        Assert.Equal(2, exit);
        Assert.Contains("apiVersion: Unsupported value: \"windowsnode.io/v1\"", error, StringComparison.Ordinal);

        (exit, _, error) = await _sandbox.RunAsync("plan", "-f", WritePolicy(refresh: "    instanceWarmup: 5 minutes\n"), "--kubeconfig", _sandbox.Kubeconfig);

        Assert.Equal(2, exit);
        Assert.Contains("spec.refresh.instanceWarmup: Invalid value: \"5 minutes\": ", error, StringComparison.Ordinal);
    }

    private static DateTimeOffset Today(int hour) => new DateTimeOffset(AuditSandbox.Now.UtcDateTime.Date, TimeSpan.Zero).AddHours(hour);

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string WritePolicy(string refresh = "    instanceWarmup: 5m\n", string apiVersion = "windowsnode.io/v1alpha1")
    {
        var path = Path.Combine(_sandbox.Directory, $"policy-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"""
            apiVersion: {apiVersion}
            kind: WindowsNodePolicy
            metadata:
              name: sandbox-windows
            spec:
              autoScalingGroups:
                names: [eks-windows-a, eks-windows-b]
              maxNodeAge: 45d
              ami:
                windowsVersion: "2022"
                edition: Core
                soakTime: 24h
              refresh:

            """ + refresh + """
              drain:
                timeout: 30m
              disruption:
                maxUnavailable: 1
                maintenanceWindows:
                  - schedule: "0 22 * * *"
                    duration: 6h
                    timeZone: UTC

            """);
        return path;
    }
}
