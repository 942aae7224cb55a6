using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Server;

/// <summary>The real kubectl against the sandbox: the WindowsNodePolicy CRD and its custom resources.</summary>
public sealed class KubectlPolicyTests(SandboxServerFixture fx) : IClassFixture<SandboxServerFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var crd = await fx.Kubectl.RunAsync("apply", "-f", SandboxServerFixture.CrdFile);
        Assert.True(crd.ExitCode == 0, crd.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Apply_crd_then_policy_with_default_validation()
    {
        var crd = await fx.Kubectl.RunAsync("get", "crd", "windowsnodepolicies.windowsnode.io", "-o", "jsonpath={.status.conditions[?(@.type==\"Established\")].status}");
        Assert.Equal("True", crd.Stdout);

        var result = await fx.Kubectl.RunWithInputAsync(Policies.Yaml("applied"), "apply", "-f", "-");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("windowsnodepolicy.windowsnode.io/applied created", result.Stdout, StringComparison.Ordinal);
        var stored = fx.Store.Find(Policies.ApiVersion, "WindowsNodePolicy", null, "applied")!;
        Assert.Equal("Wait", stored["spec"]!["drain"]?["onTimeout"]?.GetValue<string>() ?? stored["spec"]!["drain"]?["onTimeout"]?.ToString() ?? "Wait");
        Assert.Equal("30d", stored["spec"]!["maxNodeAge"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_prints_the_crd_printer_columns()
    {
        fx.Store.Create(Policies.Object("columns"));
        fx.Store.Patch(Policies.ApiVersion, "windowsnodepolicies", null, "columns", SandboxPatchType.Merge, Policies.ReadyStatus(), "status");

        var result = await fx.Kubectl.RunAsync("get", "wnp", "columns");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+READY\s+NODES\s+EXPIRED\s+DRIFTED\s+REFRESH\s+NEXT EXPIRY\s+AGE", lines[0]);
        Assert.Matches(@"^columns\s+True\s+3\s+1\s+0\s+", lines[1]);
    }

    [Fact]
    public async Task Get_watch_sees_a_later_change()
    {
        fx.Store.Create(Policies.Object("watched"));
        using var process = fx.Kubectl.Start(["get", "wnp", "watched", "-w", "-o", "custom-columns=NAME:.metadata.name,STAGE:.metadata.labels.stage", "--no-headers"]);
        var lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lines.Writer.TryWrite(line);
            }

            lines.Writer.TryComplete();
        });
        Assert.Matches(@"^watched\s+<none>$", await NextAsync(lines.Reader, TimeSpan.FromSeconds(25)));

        // kubectl starts its watch after printing the object; change the object until the watch reports it (bounded).
        string? seen = null;
        for (var attempt = 1; attempt <= 20 && seen is null; attempt++)
        {
            fx.Store.Patch(Policies.ApiVersion, "windowsnodepolicies", null, "watched", SandboxPatchType.Merge, new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["stage"] = $"s{attempt}" } } });
            seen = await NextOrNullAsync(lines.Reader, TimeSpan.FromSeconds(1));
        }

        process.Kill(entireProcessTree: true);
        Assert.NotNull(seen);
        Assert.Matches(@"^watched\s+s\d+$", seen);
    }

    private static async Task<string> NextAsync(System.Threading.Channels.ChannelReader<string> reader, TimeSpan within) =>
        await NextOrNullAsync(reader, within) ?? throw new TimeoutException("kubectl printed nothing");

    private static async Task<string?> NextOrNullAsync(System.Threading.Channels.ChannelReader<string> reader, TimeSpan within)
    {
        using var cts = new CancellationTokenSource(within);
        try
        {
            return await reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    [Fact]
    public async Task Describe_shows_an_event_recorded_through_events_k8s_io()
    {
        var policy = fx.Store.Create(Policies.Object("described"));
        fx.Store.Create(new JsonObject
        {
            ["apiVersion"] = "events.k8s.io/v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = "described.1", ["namespace"] = "default" },
            ["eventTime"] = "2026-01-01T00:00:00.000000Z",
            ["reportingController"] = "windowsnode.io/operator",
            ["reportingInstance"] = "operator-0",
            ["action"] = "Plan",
            ["reason"] = "NodeExpired",
            ["note"] = "node ip-10-0-0-1 is 46 days old",
            ["type"] = "Warning",
            ["regarding"] = new JsonObject
            {
                ["apiVersion"] = Policies.ApiVersion,
                ["kind"] = "WindowsNodePolicy",
                ["name"] = "described",
                ["uid"] = policy["metadata"]!["uid"]!.GetValue<string>(),
            },
        });

        var result = await fx.Kubectl.RunAsync("describe", "wnp", "described");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"Warning\s+NodeExpired\s+.*windowsnode.io/operator\s+node ip-10-0-0-1 is 46 days old", result.Stdout);
    }

    [Fact]
    public async Task Wait_for_condition_returns_when_status_sets_ready()
    {
        fx.Store.Create(Policies.Object("awaited"));
        using var process = fx.Kubectl.Start(["wait", "--for=condition=Ready", "wnp/awaited", "--timeout=25s"]);
        var output = process.StandardOutput.ReadToEndAsync();

        fx.Store.Patch(Policies.ApiVersion, "windowsnodepolicies", null, "awaited", SandboxPatchType.Merge, Policies.ReadyStatus(), "status");

        using var cts = new CancellationTokenSource(Kubectl.Timeout);
        await process.WaitForExitAsync(cts.Token);
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("windowsnodepolicy.windowsnode.io/awaited condition met", await output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_server_side_creates_then_updates()
    {
        var created = await fx.Kubectl.RunWithInputAsync(Policies.Yaml("ssa"), "apply", "--server-side", "-f", "-");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("windowsnodepolicy.windowsnode.io/ssa serverside-applied", created.Stdout, StringComparison.Ordinal);

        var updated = await fx.Kubectl.RunWithInputAsync(Policies.Yaml("ssa", maxNodeAge: "20d"), "apply", "--server-side", "-f", "-");

        Assert.True(updated.ExitCode == 0, updated.ToString());
        var stored = fx.Store.Find(Policies.ApiVersion, "WindowsNodePolicy", null, "ssa")!;
        Assert.Equal("20d", stored["spec"]!["maxNodeAge"]!.GetValue<string>());
        Assert.Equal(2, stored["metadata"]!["generation"]!.GetValue<long>());
        Assert.Contains(stored["metadata"]!["managedFields"]!.AsArray(), m => m!["manager"]!.GetValue<string>() == "kubectl");
    }

    [Fact]
    public async Task Patch_merge_and_json()
    {
        fx.Store.Create(Policies.Object("patched"));

        var merge = await fx.Kubectl.RunAsync("patch", "wnp", "patched", "--type=merge", "-p", """{"spec":{"maxNodeAge":"10d"}}""");
        var json = await fx.Kubectl.RunAsync("patch", "wnp", "patched", "--type=json", "-p", """[{"op":"replace","path":"/spec/autoScalingGroups/names/0","value":"windows-ng-b"}]""");

        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.True(json.ExitCode == 0, json.ToString());
        var stored = fx.Store.Find(Policies.ApiVersion, "WindowsNodePolicy", null, "patched")!;
        Assert.Equal("10d", stored["spec"]!["maxNodeAge"]!.GetValue<string>());
        Assert.Equal("windows-ng-b", stored["spec"]!["autoScalingGroups"]!["names"]![0]!.GetValue<string>());
        Assert.Equal(3, stored["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Delete_with_a_finalizer_waits_for_the_finalizer()
    {
        var finalized = Policies.Object("finalized");
        finalized["metadata"]!["finalizers"] = new JsonArray("windowsnode.io/cleanup");
        fx.Store.Create(finalized);

        var delete = await fx.Kubectl.RunAsync("delete", "wnp", "finalized", "--wait=false");
        Assert.True(delete.ExitCode == 0, delete.ToString());
        var marked = await fx.Kubectl.RunAsync("get", "wnp", "finalized", "-o", "jsonpath={.metadata.deletionTimestamp}");
        Assert.NotEqual("", marked.Stdout);

        var release = await fx.Kubectl.RunAsync("patch", "wnp", "finalized", "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");

        Assert.True(release.ExitCode == 0, release.ToString());
        var gone = await fx.Kubectl.RunAsync("get", "wnp", "finalized");
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("windowsnodepolicies.windowsnode.io \"finalized\" not found", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_policy_is_rejected_naming_the_field()
    {
        var result = await fx.Kubectl.RunWithInputAsync(Policies.Yaml("bad", maxNodeAge: "0d"), "apply", "-f", "-");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("WindowsNodePolicy \"bad\" is invalid", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.maxNodeAge", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_field_is_refused_by_strict_validation()
    {
        var yaml = Policies.Yaml("strict") + "\n  surprise: true\n";

        var result = await fx.Kubectl.RunWithInputAsync(yaml, "apply", "-f", "-");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown field \"spec.surprise\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_conflicts()
    {
        var created = fx.Store.Create(Policies.Object("stale"));
        fx.Store.Patch(Policies.ApiVersion, "windowsnodepolicies", null, "stale", SandboxPatchType.Merge, JsonNode.Parse("""{"spec":{"maxNodeAge":"9d"}}""")!);

        var result = await fx.Kubectl.RunWithInputAsync(created.ToJsonString(), "replace", "-f", "-");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(
            "Operation cannot be fulfilled on windowsnodepolicies.windowsnode.io \"stale\": the object has been modified; please apply your changes to the latest version and try again",
            result.Stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_reads_the_crd_schema_from_openapi_v3()
    {
        var result = await fx.Kubectl.RunAsync("explain", "wnp.spec.maxNodeAge");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("maxNodeAge", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("WindowsNodePolicy", result.Stdout, StringComparison.Ordinal);
    }
}
