using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Draining;

namespace WindowsNodeOperator.Tests.Draining;

/// <summary>
/// One node's pods behind Moq'd ports on a fake clock: evictions are answered by <see cref="Evict"/> (default: the pod
/// terminates for <see cref="TerminationTime"/>, then is gone) and every call is recorded with its time.
/// </summary>
internal sealed class FakeNode
{
    public const string Name = "ip-10-0-1-5.us-west-2.compute.internal";
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<ClusterPod> _pods = [];
    private readonly Dictionary<PodKey, DateTimeOffset> _goneAt = [];

    public FakeNode()
    {
        Nodes.Setup(n => n.GetNodeAsync(Name, It.IsAny<CancellationToken>())).ReturnsAsync(() => Node);
        Nodes.Setup(n => n.CordonAsync(Name, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                Calls.Add(($"cordon", Time.GetUtcNow()));
                return CordonResult.Cordoned;
            });
        Pods.Setup(p => p.ListPodsOnNodeAsync(Name, It.IsAny<CancellationToken>())).ReturnsAsync(() =>
        {
            Calls.Add(("list", Time.GetUtcNow()));
            _pods.RemoveAll(p => _goneAt.TryGetValue(p.Key, out var at) && at <= Time.GetUtcNow());
            return _pods.ToList();
        });
        Pods.Setup(p => p.EvictPodAsync(It.IsAny<PodKey>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((PodKey key, TimeSpan? grace, CancellationToken _) =>
            {
                Calls.Add(($"evict {key.Name}", Time.GetUtcNow()));
                var result = Evict(key);
                if (result.Outcome == EvictionOutcome.Evicted)
                {
                    Terminate(key);
                }

                return result;
            });
        Pods.Setup(p => p.DeletePodAsync(It.IsAny<PodKey>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((PodKey key, TimeSpan? grace, CancellationToken _) =>
            {
                Calls.Add(($"delete {key.Name} {grace?.TotalSeconds}", Time.GetUtcNow()));
                Terminate(key);
                return true;
            });
        Pods.Setup(p => p.ListDisruptionBudgetsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    public SteppedClock Time { get; } = new(Start);

    public Mock<INodeClient> Nodes { get; } = new(MockBehavior.Strict);

    public Mock<IPodClient> Pods { get; } = new(MockBehavior.Strict);

    public ClusterNode Node { get; set; } = new(Name, new Dictionary<string, string>(), new Dictionary<string, string>(), Start.AddDays(-50), "aws:///us-west-2a/i-0abc", false, true);

    public Func<PodKey, EvictionResult> Evict { get; set; } = _ => EvictionResult.Evicted;

    public TimeSpan TerminationTime { get; set; } = TimeSpan.FromSeconds(3);

    public List<(string What, DateTimeOffset At)> Calls { get; } = [];

    public List<(DrainProgress Progress, DateTimeOffset At)> Heartbeats { get; } = [];

    public IEnumerable<(string What, DateTimeOffset At)> Evictions => Calls.Where(c => c.What.StartsWith("evict ", StringComparison.Ordinal));

    public ClusterPod Add(
        string name,
        string? priorityClass = null,
        string? controller = "ReplicaSet",
        bool mirror = false,
        bool emptyDir = false,
        string phase = "Running",
        string ns = "apps",
        TimeSpan? grace = null)
    {
        var pod = new ClusterPod(
            new PodKey(ns, name), $"uid-{name}", phase, new Dictionary<string, string> { ["app"] = name }, priorityClass, controller, mirror,
            emptyDir, grace ?? TimeSpan.FromSeconds(30), false);
        _pods.Add(pod);
        return pod;
    }

    public Drainer Drainer() => new(Nodes.Object, Pods.Object, Time, NullLogger<Drainer>.Instance, new DrainerSettings(), new Random(7));

    public static DrainOptions Options(
        TimeSpan? timeout = null, DrainTimeoutAction onTimeout = DrainTimeoutAction.Wait, bool deleteEmptyDirData = true, TimeSpan? podGracePeriod = null) =>
        new(timeout ?? TimeSpan.FromMinutes(30), podGracePeriod, deleteEmptyDirData, onTimeout);

    public DrainHeartbeat Heartbeat(TimeSpan? interval = null) => new(interval ?? TimeSpan.FromMinutes(1), (progress, _) =>
    {
        Heartbeats.Add((progress, Time.GetUtcNow()));
        return Task.CompletedTask;
    });

    /// <summary>
    /// Runs a drain to its end by stepping the fake clock a second at a time, each step only once the drain loop and the
    /// heartbeat loop are both waiting on the clock.
    /// </summary>
    public async Task<DrainResult> DrainAsync(DrainOptions options, DrainHeartbeat? heartbeat = null, TimeSpan? limit = null)
    {
        var drain = Drainer().DrainAsync(Name, "windows-default", options, heartbeat ?? Heartbeat(), CancellationToken.None);
        var end = Time.GetUtcNow() + (limit ?? TimeSpan.FromHours(3));
        while (Time.GetUtcNow() < end)
        {
            await Time.SettleAsync(() => drain.IsCompleted, armed: 2);
            if (drain.IsCompleted)
            {
                break;
            }

            Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(drain.IsCompleted, $"the drain had not ended after {limit ?? TimeSpan.FromHours(3)} of fake time");
        return await drain;
    }

    public bool Has(string name) => _pods.Any(p => p.Key.Name == name && !(_goneAt.TryGetValue(p.Key, out var at) && at <= Time.GetUtcNow()));

    private void Terminate(PodKey key)
    {
        var index = _pods.FindIndex(p => p.Key == key);
        if (index >= 0 && !_goneAt.ContainsKey(key))
        {
            _pods[index] = _pods[index] with { IsTerminating = true };
            _goneAt[key] = Time.GetUtcNow() + TerminationTime;
        }
    }
}
