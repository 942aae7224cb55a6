using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Benchmarks.Fleet;
using WindowsNodeOperator.Monitoring;
using WindowsNodeOperator.Runtime.Diagnostics;
using WindowsNodeOperator.Runtime.Election;
using WindowsNodeOperator.Runtime.Hosting;
using WindowsNodeOperator.Sandbox;
using WindowsNodeOperator.Sandbox.Cloud.Seeding;
using WindowsNodeOperator.Sandbox.Cloud.Wire;
using WindowsNodeOperator.Sandbox.Controllers;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The seeded sandbox cluster on a fake clock, and the real operator in-process talking to it over HTTP, stepped
/// deterministically: advance the clock, step the simulated cloud and controllers, wait until the operator is idle,
/// check the safety observers. Fails loudly, with the sandbox's state, when the operator does not settle.
/// </summary>
internal sealed class OperatorInSandbox : IAsyncDisposable
{
    /// <summary>A Monday, 13:00 in Berlin: the sample's window (weekdays 22:00 Europe/Berlin) opens at 21:00 UTC.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static readonly string[] ManagedGroups = ["eks-windows-a", "eks-windows-b"];
    public static readonly string[] UntouchedGroups = ["eks-windows-legacy", "eks-linux-system"];

    // Only a guard against a hang: on a loaded 2-core machine one list of a thousand nodes has taken over 30 s.
    private static readonly TimeSpan IdleDeadline = TimeSpan.FromSeconds(150);

    /// <summary>
    /// A request (not a watch) the sandbox has not answered in this long is given up and retried by its caller, as a
    /// production client's timeout would; well under <see cref="IdleDeadline"/>, so one stalled answer costs a retry
    /// rather than the test.
    /// </summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SmallStep = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan InFlightStep = TimeSpan.FromMilliseconds(100);

    private readonly string _dir;
    private readonly ITestOutputHelper _output;
    private readonly HttpClient _probe;
    private readonly SimulatedAwsHandler _aws;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly List<SandboxOperator> _others = [];
    private Action<IServiceCollection>? _configure;
    private OperatorRbac? _rbac;
    private IHost? _host;
    private (long, long, long) _lastCounters = (-1, -1, -1);
    private long _controllerWrites;
    private bool _movedLastStep = true;

    private OperatorInSandbox(string dir, ITestOutputHelper output, FakeTimeProvider time, SandboxCluster cluster)
    {
        _dir = dir;
        _output = output;
        Time = time;
        Cluster = cluster;
        Requests = new OperatorRequests(time);
        Logs = new CapturedLogs(time);
        Timeline = new SandboxTimeline(cluster.Server.Store, time);
        Observers = new SafetyObservers(
            cluster.Server.Store, Timeline, Requests, ManagedGroups.ToHashSet(StringComparer.Ordinal), UntouchedGroups.ToHashSet(StringComparer.Ordinal),
            GroupOf);
        Kubectl = new Kubectl(Kubeconfig, Path.Combine(dir, "cache"));
        _probe = new HttpClient(cluster.Server.CreateHttpHandler()) { BaseAddress = cluster.Server.BaseAddress };
        _aws = new SimulatedAwsHandler(cluster.Cloud);
    }

    public FakeTimeProvider Time { get; }

    /// <summary>How far the operator's wall clock reads from <see cref="Time"/> (a scenario that gives it a clock of its own).</summary>
    public Func<TimeSpan> OperatorClockOffset { get; set; } = () => TimeSpan.Zero;

    public SandboxCluster Cluster { get; }

    public ISandboxStore Store => Cluster.Server.Store;

    public OperatorRequests Requests { get; }

    /// <summary>The running operator's kill switch: armed, it kills that operator at a call (a new one after each restart).</summary>
    public KillSwitch Kill { get; private set; } = new();

    /// <summary>Every AWS call of the operator, across restarts.</summary>
    public AwsRequests AwsCalls { get; private set; } = null!;

    public CapturedLogs Logs { get; }

    public SandboxTimeline Timeline { get; }

    public SafetyObservers Observers { get; }

    public Kubectl Kubectl { get; }

    public ControllerActivity Activity => _host!.Services.GetRequiredService<ControllerActivity>();

    /// <summary>The operator host's services (its meters, for a test that scrapes them; a new container after each restart).</summary>
    public IServiceProvider Services => _host!.Services;

    /// <summary>The SSM parameter the seeded fleet (and the sample policy, kubernetesVersion auto) reads the latest AMI from.</summary>
    public string WindowsAmiParameter => FleetParameters.WindowsAmi(Cluster.Options.KubernetesVersion);

    public TimeSpan WallTime => _wall.Elapsed;

    private string Kubeconfig => Path.Combine(_dir, "kubeconfig");

    /// <summary>The operator's own kubeconfig: the admin's, or its ServiceAccount's token when RBAC is enforced.</summary>
    private string OperatorKubeconfig => _rbac is null ? Kubeconfig : Path.Combine(_dir, "operator-kubeconfig");

    /// <summary>
    /// Starts the sandbox and the operator. With <paramref name="rbac"/>, the API server enforces RBAC: the objects are
    /// applied by kubectl as the administrator, and the operator runs as its ServiceAccount with leader election on its
    /// Lease in windows-node-operator, as the shipped Deployment runs it.
    /// </summary>
    public static async Task<OperatorInSandbox> StartAsync(
        ITestOutputHelper output, DateTimeOffset? at = null, FleetOptions? fleet = null, Action<IServiceCollection>? configure = null, OperatorRbac? rbac = null)
    {
        var time = new FakeTimeProvider(at ?? Epoch) { AutoAdvanceAmount = TimeSpan.Zero };
        var crd = await File.ReadAllTextAsync(RepositoryRoot.Combine("manifests", "crd", "windowsnodepolicies.yaml"));
        var cluster = await SandboxCluster.StartAsync(
            new SandboxApiServerOptions { TimeProvider = time, CrdDocuments = [crd], EnforceRbac = rbac is not null }, fleet ?? new FleetOptions());
        var dir = Directory.CreateTempSubdirectory("e2e-").FullName;
        cluster.Server.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
        var world = new OperatorInSandbox(dir, output, time, cluster) { _configure = configure, _rbac = rbac };
        if (rbac is not null)
        {
            await world.ApplyRbacAsync(rbac);
        }

        await world.StartOperatorAsync();
        return world;
    }

    /// <summary>Whether the operator holds its Lease (always, without leader election).</summary>
    public bool IsLeader => Services.GetRequiredService<ILeadership>().IsLeader;

    /// <summary>
    /// With RBAC enforced, settles the sandbox with its clock still until the operator leads or the API server refuses it
    /// its Lease (the elector runs on the wall clock), within a wall-clock limit.
    /// </summary>
    public async Task UntilLeaderOrRefusedAsync()
    {
        var wall = Stopwatch.StartNew();
        while (!IsLeader && !Cluster.Server.Access.Of(OperatorRbac.User).Any(d => !d.Allowed && d.Request.Resource == "leases"))
        {
            if (wall.Elapsed > IdleDeadline)
            {
                throw Fail($"the operator neither led nor failed at its Lease within {IdleDeadline} of wall time");
            }

            await StepAsync(TimeSpan.Zero);
        }
    }

    private async Task ApplyRbacAsync(OperatorRbac rbac)
    {
        var ns = await Kubectl.RunAsync("create", "namespace", OperatorRbac.Namespace);
        Assert.True(ns.ExitCode == 0, ns.ToString());
        var apply = await Kubectl.RunWithInputAsync(rbac.ToApplyYaml(), "apply", "-f", "-");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Cluster.Server.WriteKubeconfig(OperatorKubeconfig, Cluster.Server.IssueServiceAccountToken(OperatorRbac.Namespace, OperatorRbac.Account));
    }

    /// <summary>Applies a policy with kubectl, then lets the operator settle.</summary>
    public async Task ApplyAsync(string yaml)
    {
        var apply = await Kubectl.RunWithInputAsync(yaml, "apply", "-f", "-");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        await SettleAsync();
    }

    /// <summary>The sample policy, its maintenance windows taken out (so it may act at any time).</summary>
    public static string SamplePolicyWithoutWindows(string? extraSpec = null)
    {
        var sample = File.ReadAllText(RepositoryRoot.Combine("manifests", "samples", "windowsnodepolicy.yaml"));
        var cut = sample.IndexOf("    maintenanceWindows:", StringComparison.Ordinal);
        Assert.True(cut > 0, "the sample policy has no maintenanceWindows block");
        return sample[..cut] + (extraSpec ?? string.Empty);
    }

    public static string SamplePolicy() => File.ReadAllText(RepositoryRoot.Combine("manifests", "samples", "windowsnodepolicy.yaml"));

    /// <summary>Steps the cluster and cloud, then waits for the operator to be idle, then checks the observers.</summary>
    public async Task StepAsync(TimeSpan by)
    {
        var before = Moves();
        Time.Advance(by);
        await SettleAsync();
        _movedLastStep = Moves() != before;
    }

    /// <summary>Steps (small steps while anything moves, bigger ones up to the next known due time while all is quiet) until <paramref name="done"/>.</summary>
    public async Task RunUntilAsync(Func<bool> done, TimeSpan within, string what, TimeSpan? quietStep = null)
    {
        var end = Time.GetUtcNow() + within;
        while (!done())
        {
            if (Time.GetUtcNow() >= end)
            {
                throw Fail($"{what}: not reached within {within} of sandbox time");
            }

            await StepAsync(NextStep(quietStep ?? TimeSpan.FromMinutes(10), end));
        }
    }

    /// <summary>As <see cref="RunUntilAsync"/>, but a bounded look: false, not a failure, when <paramref name="within"/> runs out first.</summary>
    public async Task<bool> RunUntilOrForAsync(Func<bool> done, TimeSpan within)
    {
        var end = Time.GetUtcNow() + within;
        while (!done())
        {
            if (Time.GetUtcNow() >= end)
            {
                return false;
            }

            var step = NextStep(TimeSpan.FromMinutes(10), end);
            await StepAsync(Time.GetUtcNow() + step > end ? end - Time.GetUtcNow() : step);
        }

        return true;
    }

    /// <summary>Steps for a span of sandbox time (to show that nothing happens).</summary>
    public Task RunForAsync(TimeSpan span, TimeSpan? quietStep = null) => RunToAsync(Time.GetUtcNow() + span, quietStep);

    /// <summary>Steps until the sandbox clock reads exactly <paramref name="at"/>.</summary>
    public async Task RunToAsync(DateTimeOffset at, TimeSpan? quietStep = null)
    {
        while (Time.GetUtcNow() < at)
        {
            var step = NextStep(quietStep ?? TimeSpan.FromMinutes(10), at);
            await StepAsync(Time.GetUtcNow() + step > at ? at - Time.GetUtcNow() : step);
        }
    }

    public JsonObject Policy(string name) =>
        Store.Find(WindowsNodePolicy.KubeApiVersion, WindowsNodePolicy.KubePlural, null, name) ?? throw Fail($"no policy {name}");

    public JsonObject? Condition(string policy, string type) =>
        (Policy(policy)["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);

    public bool ConditionIs(string policy, string type, string status, string? reason = null)
    {
        var condition = Condition(policy, type);
        return condition?["status"]?.GetValue<string>() == status
            && (reason is null || condition["reason"]?.GetValue<string>() == reason);
    }

    public IReadOnlyList<RecordedClusterEvent> OperatorEvents =>
        Timeline.Events.Where(e => e.Controller.StartsWith("windowsnode.io", StringComparison.Ordinal)).ToList();

    /// <summary>The group's nodes: by eksctl's label, or on a fleet without it, by their providerIDs' instances.</summary>
    public IReadOnlyList<JsonObject> Nodes(string group) =>
        Cluster.Options.NodeGroupLabels
            ? Store.List("v1", "nodes", labelSelector: $"{NodeManifest.GroupLabel}={group}")
            : [.. Store.List("v1", "nodes").Where(n => GroupOf(n) == group)];

    /// <summary>
    /// A node's Auto Scaling group: eksctl's label when it carries one, else its instance's group by providerID (empty for
    /// a node not yet given one).
    /// </summary>
    public string GroupOf(JsonObject node)
    {
        if (node["metadata"]?["labels"]?[NodeManifest.GroupLabel]?.GetValue<string>() is { } label)
        {
            return label;
        }

        return node["spec"]?["providerID"]?.GetValue<string>() is { } provider
            && Cluster.Cloud.InstanceGroups().TryGetValue(provider.Split('/')[^1], out var group) ? group : string.Empty;
    }

    /// <summary>Mutating calls the operator made to the simulated AWS account (describes and reads aside).</summary>
    public IReadOnlyDictionary<string, long> MutatingCloudCalls() =>
        Cluster.Cloud.Calls.Snapshot()
            .Where(c => c.Value > 0 && !IsRead(c.Key))
            .ToDictionary(c => c.Key, c => c.Value);

    public Exception Fail(string message) => new Xunit.Sdk.XunitException($"{message}\n{Dump()}");

    public void PrintTimeline()
    {
        var cloud = Cluster.Cloud.Timeline().Select(e => new TimelineEntry(e.Time, e.Subject, e.What));
        foreach (var entry in Timeline.Entries.Concat(cloud).OrderBy(e => e.Time))
        {
            _output.WriteLine(entry.ToString());
        }

        _output.WriteLine($"wall time {_wall.Elapsed.TotalSeconds:F1}s, sandbox time {Time.GetUtcNow() - Epoch}");

        // E2E_LOGS=1 adds the operator's whole log, for a closer look.
        if (Environment.GetEnvironmentVariable("E2E_LOGS") == "1")
        {
            foreach (var line in Logs.Lines)
            {
                _output.WriteLine(line);
            }
        }
    }

    public string Dump()
    {
        var text = new StringBuilder();
        text.AppendLine($"sandbox time {Time.GetUtcNow():O}; operator idle {Activity.IsIdle}, requests in flight {Requests.InFlight}, AWS calls in flight {AwsCalls.InFlight} of {AwsCalls.Calls.Count}");
        foreach (var node in Store.List("v1", "nodes").OrderBy(n => n["metadata"]!["name"]!.GetValue<string>(), StringComparer.Ordinal))
        {
            var ready = (node["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>()
                .FirstOrDefault(c => c["type"]?.GetValue<string>() == "Ready")?["status"]?.GetValue<string>();
            text.AppendLine($"  node {node["metadata"]!["name"]} {GroupOf(node)} "
                + $"ready={ready} unschedulable={node["spec"]?["unschedulable"]} {node["spec"]?["providerID"]}");
        }

        foreach (var policy in Store.List(WindowsNodePolicy.KubeApiVersion, WindowsNodePolicy.KubePlural))
        {
            text.AppendLine($"  policy status {policy["status"]?.ToJsonString()}");
        }

        text.AppendLine("  timeline (last 40):");
        foreach (var entry in Timeline.Entries.TakeLast(40))
        {
            text.AppendLine($"    {entry}");
        }

        text.AppendLine("  cloud (last 30):");
        foreach (var entry in Cluster.Cloud.Timeline().TakeLast(30))
        {
            text.AppendLine($"    {entry}");
        }

        text.AppendLine("  operator log (last 40):");
        foreach (var line in Logs.Lines.TakeLast(40))
        {
            text.AppendLine($"    {line}");
        }

        return text.ToString();
    }

    /// <summary>
    /// Stops the operator and starts a new one: a new DI container, so nothing of the first (caches, queues, services)
    /// survives but what it wrote to the cluster and the account, as with a new process.
    /// </summary>
    public async Task RestartOperatorAsync()
    {
        await StopOperatorAsync();
        Timeline.Note("test", "operator restarted");
        await StartOperatorAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var other in _others)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await other.Host.StopAsync(stop.Token);
            other.Host.Dispose();
        }

        await StopOperatorAsync();

        _probe.Dispose();
        _aws.Dispose();
        await Cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task StopOperatorAsync()
    {
        if (_host is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _host.StopAsync(stop.Token);
            _host.Dispose();
            _host = null;
        }
    }

    private async Task StartOperatorAsync()
    {
        var previous = AwsCalls?.Calls ?? [];
        Kill = new KillSwitch();
        AwsCalls = new AwsRequests(Time, previous, Kill) { InnerHandler = _aws };
        _host = BuildOperator(Requests, AwsCalls, _configure, Kill);
        await _host.StartAsync();
        await SettleAsync();
    }

    /// <summary>
    /// Another operator process on the same sandbox, with its own recorders (its Kubernetes writes and reads, its AWS
    /// calls) and <paramref name="configure"/> (leader election, say). The harness steps and settles it with the first.
    /// </summary>
    public async Task<SandboxOperator> StartAnotherOperatorAsync(Action<IServiceCollection> configure)
    {
        var requests = new OperatorRequests(Time);
        var aws = new AwsRequests(Time) { InnerHandler = _aws };
        var host = BuildOperator(requests, aws, configure);
        await host.StartAsync();
        var other = new SandboxOperator(host, requests, aws);
        _others.Add(other);
        await SettleAsync();
        return other;
    }

    private KubernetesClientConfiguration ClientConfiguration()
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(OperatorKubeconfig);
        configuration.HttpClientTimeout = RequestTimeout;
        return configuration;
    }

    private IHost BuildOperator(OperatorRequests requests, AwsRequests aws, Action<IServiceCollection>? configure, KillSwitch? kill = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(Logs);
        builder.Services.AddInProcessOperator(
            Time, new Kubernetes(ClientConfiguration(), requests.CreateHandler(kill)), Cluster.Options.Region, aws, Cluster.Options.ClusterName);
        builder.Services.AddHostedService<LeaderGauge>();
        if (_rbac is not null)
        {
            // As OperatorHost composes it with the Deployment's POD_NAMESPACE; the election runs on the wall clock.
            builder.Services.AddLeaderElection(o =>
            {
                o.LeaseNamespace = OperatorRbac.Namespace;
                o.LeaseName = "windows-node-operator";
                o.Identity = "windows-node-operator-0";

                // The elector renews on the wall clock: on a loaded machine a 10 s renew deadline can pass while the
                // harness steps the fake clock, and a leader that steps down acts no more. One replica: nothing to fail over to.
                o.LeaseDuration = TimeSpan.FromMinutes(10);
                o.RenewDeadline = TimeSpan.FromMinutes(8);
            });
        }

        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Steps the cloud and the cluster's controllers, waits for the operator to be idle, checks the observers.</summary>
    private async Task SettleAsync()
    {
        await WaitIdleAsync();
        var violations = Observers.Check(Time.GetUtcNow());
        if (violations.Count > 0)
        {
            throw Fail("safety observer tripped:\n  " + string.Join("\n  ", violations));
        }
    }

    /// <summary>
    /// Idle: no request in flight, every change sent on the operator's watches and taken in by it (a watch that has handled
    /// what it read asks for more; see <see cref="WatchReads"/>), and nothing moved (keys, finished requests, AWS calls) over
    /// three round trips to the API server. Stepping the cloud and controllers each round makes their reactions
    /// to the operator's writes part of the same step.
    /// </summary>
    private async Task WaitIdleAsync()
    {
        var deadline = Stopwatch.StartNew();
        var quietRounds = 0;

        // Work under way (a reconcile) may be between two calls on a busy machine: ask for a longer quiet.
        while (quietRounds < (AllIdle ? 3 : 8))
        {
            if (deadline.Elapsed > IdleDeadline)
            {
                throw Fail($"the operator did not settle within {IdleDeadline} of wall time (watch events not yet sent {Store.UndeliveredWatchEvents}, "
                    + $"operator watches waiting {Requests.Watches.AllWaiting && _others.All(o => o.Requests.Watches.AllWaiting)})");
            }

            Cluster.Cloud.Step();
            var writes = Cluster.Controllers!.Step();
            _controllerWrites += writes;
            using (var response = await _probe.GetAsync("/version"))
            {
                response.EnsureSuccessStatusCode();
            }

            // A reconcile awaiting the fake clock (a rate limiter, a backoff, a poll) is idle: only the clock moves it.
            var counters = (Activity.Changes + _others.Sum(o => o.Activity.Changes), Requests.Finished + _others.Sum(o => o.Requests.Finished), Cluster.Cloud.Calls.TotalCalls);
            var quiet = writes == 0 && Requests.InFlight == 0 && _others.All(o => o.Requests.InFlight == 0) && counters == _lastCounters
                && Store.UndeliveredWatchEvents == 0 && Requests.Watches.AllWaiting && _others.All(o => o.Requests.Watches.AllWaiting);
            quietRounds = quiet ? quietRounds + 1 : 0;
            _lastCounters = counters;
        }
    }

    private bool AllIdle => Activity.IsIdle && _others.All(o => o.Activity.IsIdle);

    private (long, long, long, long, int) Moves() => (Activity.Changes + _others.Sum(o => o.Activity.Changes), Requests.Finished + _others.Sum(o => o.Requests.Finished), Cluster.Cloud.Calls.TotalCalls, _controllerWrites, Cluster.Cloud.Timeline().Count);

    private TimeSpan NextStep(TimeSpan quietStep, DateTimeOffset end)
    {
        var now = Time.GetUtcNow();
        // A reconcile in flight only waits on a short delay of the fake clock (the AWS rate limiter, a retry backoff):
        // release it in small slices, so its own time is not stretched to a whole step.
        var cap = !AllIdle ? InFlightStep : _movedLastStep ? SmallStep : quietStep;
        var next = new[] { Activity.NextDue - OperatorClockOffset(), _others.Select(o => o.Activity.NextDue).Where(d => d is not null).Min(), Cluster.Cloud.NextDueTime, Cluster.Controllers!.NextDue, end }
            .Where(d => d is not null && d > now)
            .Min();
        var step = next is { } due && due - now < cap ? due - now : cap;
        return step < InFlightStep ? InFlightStep : step;
    }

    private static bool IsRead(string operation)
    {
        var action = operation[(operation.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("Get", StringComparison.Ordinal);
    }
}
