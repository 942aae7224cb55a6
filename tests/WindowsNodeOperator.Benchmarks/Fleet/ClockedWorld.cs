using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Runtime.Diagnostics;
using WindowsNodeOperator.Sandbox;
using WindowsNodeOperator.Sandbox.Cloud.Seeding;
using WindowsNodeOperator.Sandbox.Cloud.Wire;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>
/// A sandbox on a fake clock with the operator in-process (its AWS bytes carried in memory), stepped: advance the clock,
/// step the cloud and the cluster's controllers, wait until the operator is idle. Times read here are the sandbox's.
/// </summary>
internal sealed class ClockedWorld : IAsyncDisposable
{
    /// <summary>A Monday noon, UTC: far from the steady policy's yearly window.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan IdleDeadline = TimeSpan.FromSeconds(60);

    /// <summary>How long a reconcile may make no progress before the clock moves for it: then it waits on the clock (a retry's delay).</summary>
    private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan InFlightStep = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MovingStep = TimeSpan.FromSeconds(5);

    private readonly string _dir;
    private readonly HttpClient _probe;
    private readonly SimulatedAwsHandler _aws;
    private readonly InFlightRequests _requests = new();
    private IHost? _host;
    private ReconcileListener? _reconciles;
    private (long, long, long) _last = (-1, -1, -1);
    private bool _moved = true;

    private ClockedWorld(string dir, FakeTimeProvider time, SandboxCluster cluster)
    {
        _dir = dir;
        Time = time;
        Cluster = cluster;
        _probe = new HttpClient { BaseAddress = cluster.Server.BaseAddress };
        _aws = new SimulatedAwsHandler(cluster.Cloud);
    }

    public FakeTimeProvider Time { get; }

    public SandboxCluster Cluster { get; }

    public ISandboxStore Store => Cluster.Server.Store;

    public long Reconciles => _reconciles!.Count;

    private ControllerActivity Activity => _host!.Services.GetRequiredService<ControllerActivity>();

    /// <summary>Seeds <paramref name="fleet"/>, publishes a newer Windows AMI dated two days back, starts the operator.</summary>
    public static async Task<ClockedWorld> StartAsync(FleetOptions fleet)
    {
        var time = new FakeTimeProvider(Epoch) { AutoAdvanceAmount = TimeSpan.Zero };
        var cluster = await SandboxCluster.StartAsync(new SandboxApiServerOptions { TimeProvider = time, CrdDocuments = [CrdFile.Read()] }, fleet).ConfigureAwait(false);
        var released = Epoch - TimeSpan.FromDays(2);
        cluster.Cloud.PublishImage(
            FleetParameters.WindowsAmi(fleet.KubernetesVersion), $"Windows_Server-2022-English-Core-EKS_Optimized-{fleet.KubernetesVersion}-{released:yyyy.MM.dd}", released);
        var world = new ClockedWorld(Directory.CreateTempSubdirectory("fleet-clock-").FullName, time, cluster);
        await world.StartOperatorAsync().ConfigureAwait(false);
        return world;
    }

    public JsonObject Policy() =>
        Store.Find("windowsnode.io/v1alpha1", "windowsnodepolicies", null, BenchmarkPolicies.Name) ?? throw new InvalidOperationException("no policy");

    public Task ApplyAsync(JsonObject policy) => ReconciledAsync(() => Store.Create(policy));

    public Task PatchSpecAsync(JsonObject spec) => ReconciledAsync(() =>
        Store.Patch("windowsnode.io/v1alpha1", "windowsnodepolicies", null, BenchmarkPolicies.Name, SandboxPatchType.Merge, new JsonObject { ["spec"] = spec }));

    /// <summary>Makes a change, then settles until at least one reconcile followed it (its watch event may come after a quiet round).</summary>
    private async Task ReconciledAsync(Action change)
    {
        var before = Reconciles;
        change();
        var deadline = Stopwatch.StartNew();
        do
        {
            if (deadline.Elapsed > IdleDeadline)
            {
                throw new TimeoutException("the operator did not reconcile the change");
            }

            await SettleAsync().ConfigureAwait(false);
        }
        while (Reconciles == before);
    }

    /// <summary>Steps until the clock reads <paramref name="at"/>, never more than <paramref name="quietStep"/> at a time.</summary>
    public async Task RunToAsync(DateTimeOffset at, TimeSpan quietStep)
    {
        while (Time.GetUtcNow() < at)
        {
            await StepAsync(NextStep(quietStep, at)).ConfigureAwait(false);
        }
    }

    /// <summary>Steps until <paramref name="done"/>; false when <paramref name="within"/> of clock time passed first.</summary>
    public async Task<bool> RunUntilAsync(Func<bool> done, TimeSpan within, TimeSpan quietStep)
    {
        var end = Time.GetUtcNow() + within;
        while (!done())
        {
            if (Time.GetUtcNow() >= end)
            {
                return false;
            }

            await StepAsync(NextStep(quietStep, end)).ConfigureAwait(false);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _host.StopAsync(stop.Token).ConfigureAwait(false);
            _host.Dispose();
        }

        _reconciles?.Dispose();
        _probe.Dispose();
        _aws.Dispose();
        _requests.Dispose();
        await Cluster.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_dir, recursive: true);
    }

    private async Task StartOperatorAsync()
    {
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        Cluster.Server.WriteKubeconfig(kubeconfig);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddInProcessOperator(
            Time, new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig), _requests), Cluster.Options.Region, _aws, Cluster.Options.ClusterName);
        _host = builder.Build();
        _reconciles = new ReconcileListener(_host.Services.GetRequiredService<IMeterFactory>());
        await _host.StartAsync().ConfigureAwait(false);
        await SettleAsync().ConfigureAwait(false);
    }

    private async Task StepAsync(TimeSpan by)
    {
        var before = _last;
        Time.Advance(by);
        await SettleAsync().ConfigureAwait(false);
        await FinishInFlightAsync().ConfigureAwait(false);
        _moved = _last != before;
    }

    /// <summary>
    /// The clock stands still while a reconcile computes, as a real one would not move in the meantime: only a reconcile that
    /// made no progress (no request, AWS call or queue change) for <see cref="StuckAfter"/> of wall time is taken to wait on the
    /// clock, and the next step moves it.
    /// </summary>
    private async Task FinishInFlightAsync()
    {
        var stuck = Stopwatch.StartNew();
        while (!Activity.IsIdle && stuck.Elapsed < StuckAfter)
        {
            var before = _last;
            await SettleAsync().ConfigureAwait(false);
            if (_last != before)
            {
                stuck.Restart();
            }
        }
    }

    /// <summary>
    /// Idle: no request in flight, every watch event sent and taken in (<see cref="WatchReads"/>), and keys, finished
    /// requests and AWS calls unchanged over three round trips to the API server.
    /// </summary>
    private async Task SettleAsync()
    {
        var deadline = Stopwatch.StartNew();
        var quietRounds = 0;
        while (quietRounds < (Activity.IsIdle ? 3 : 8))
        {
            if (deadline.Elapsed > IdleDeadline)
            {
                throw new TimeoutException($"the operator did not settle within {IdleDeadline} at {Time.GetUtcNow():O}");
            }

            Cluster.Cloud.Step();
            var writes = Cluster.Controllers!.Step();
            using (var response = await _probe.GetAsync(new Uri("/version", UriKind.Relative)).ConfigureAwait(false))
            {
                response.EnsureSuccessStatusCode();
            }

            var counters = (Activity.Changes, _requests.Finished, Cluster.Cloud.Calls.TotalCalls);
            var delivered = Cluster.Server.Store.UndeliveredWatchEvents == 0 && _requests.Watches.AllWaiting;
            quietRounds = writes == 0 && _requests.InFlight == 0 && delivered && counters == _last ? quietRounds + 1 : 0;
            _last = counters;
        }
    }

    /// <summary>100 ms while a reconcile waits on the clock, 5 s while anything moves, else up to the next due time or the quiet step.</summary>
    private TimeSpan NextStep(TimeSpan quietStep, DateTimeOffset end)
    {
        var now = Time.GetUtcNow();
        var cap = !Activity.IsIdle ? InFlightStep : _moved ? TimeSpan.FromTicks(Math.Min(MovingStep.Ticks, quietStep.Ticks)) : quietStep;
        var next = new[] { Activity.NextDue, Cluster.Cloud.NextDueTime, Cluster.Controllers!.NextDue, end }
            .Where(d => d is not null && d > now)
            .Min();
        var step = next is { } due && due - now < cap ? due - now : cap;
        return step < InFlightStep ? InFlightStep : step;
    }
}
