using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Draining;

namespace WindowsNodeOperator.Tests.Draining;

/// <summary>
/// One node's pods behind Moq'd ports on a fake clock: evictions are answered by <see cref="Evict"/> (default: the pod
/// terminates for <see cref="TerminationTime"/>, then is gone), the cordon and annotations land on <see cref="Node"/>,
/// and every call is recorded with its time.
/// </summary>
internal sealed class FakeNode
{
    public const string Name = "ip-10-0-1-5.us-west-2.compute.internal";
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>How often the reconcile looks while a drain is under way.</summary>
    public static readonly TimeSpan Look = TimeSpan.FromSeconds(15);

    private readonly List<ClusterPod> _pods = [];
    private readonly Dictionary<PodKey, DateTimeOffset> _goneAt = [];

    public FakeNode()
    {
        Nodes.Setup(n => n.CordonAsync(Name, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string policy, CancellationToken _) =>
            {
                Calls.Add(("cordon", Time.GetUtcNow()));
                Node = Node with
                {
                    Unschedulable = true,
                    Annotations = new Dictionary<string, string>(Node.Annotations)
                    {
                        [OperatorAnnotations.CordonedBy] = policy,
                        [OperatorAnnotations.CordonedAt] = OperatorAnnotations.FormatTime(Time.GetUtcNow()),
                    },
                };
                return CordonResult.Cordoned;
            });
        Nodes.Setup(n => n.AnnotateAsync(Name, It.IsAny<IReadOnlyDictionary<string, string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, IReadOnlyDictionary<string, string> values, CancellationToken _) =>
            {
                Calls.Add(($"annotate {string.Join(",", values.Keys)}", Time.GetUtcNow()));
                var annotations = new Dictionary<string, string>(Node.Annotations);
                foreach (var (key, value) in values)
                {
                    annotations[key] = value;
                }

                Node = Node with { Annotations = annotations };
                return true;
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
        Pods.Setup(p => p.ListUnschedulablePodsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public Mock<INodeClient> Nodes { get; } = new(MockBehavior.Strict);

    public Mock<IPodClient> Pods { get; } = new(MockBehavior.Strict);

    public ClusterNode Node { get; set; } = new(Name, new Dictionary<string, string>(), new Dictionary<string, string>(), Start.AddDays(-50), "aws:///us-west-2a/i-0abc", false, true);

    public Func<PodKey, EvictionResult> Evict { get; set; } = _ => EvictionResult.Evicted;

    public TimeSpan TerminationTime { get; set; } = TimeSpan.FromSeconds(3);

    public List<(string What, DateTimeOffset At)> Calls { get; } = [];

    public List<DrainStep> Steps { get; } = [];

    public IEnumerable<(string What, DateTimeOffset At)> Evictions => Calls.Where(c => c.What.StartsWith("evict ", StringComparison.Ordinal));

    public ClusterPod Add(
        string name,
        string? priorityClass = null,
        string? controller = "ReplicaSet",
        bool mirror = false,
        bool emptyDir = false,
        string phase = "Running",
        string ns = "apps",
        TimeSpan? grace = null,
        DateTimeOffset? deletionTimestamp = null)
    {
        var pod = new ClusterPod(
            new PodKey(ns, name), $"uid-{name}", phase, new Dictionary<string, string> { ["app"] = name }, priorityClass, controller, mirror,
            emptyDir, grace ?? TimeSpan.FromSeconds(30), deletionTimestamp is not null, deletionTimestamp);
        _pods.Add(pod);
        return pod;
    }

    /// <summary>A drainer as a fresh operator process would have: nothing in it but its dependencies.</summary>
    public Drainer Drainer() => new(Nodes.Object, Pods.Object, Time, NullLogger<Drainer>.Instance);

    public static DrainOptions Options(
        TimeSpan? timeout = null, DrainTimeoutAction onTimeout = DrainTimeoutAction.Wait, bool deleteEmptyDirData = true, TimeSpan? podGracePeriod = null) =>
        new(timeout ?? TimeSpan.FromMinutes(30), podGracePeriod, deleteEmptyDirData, onTimeout);

    /// <summary>One look: a step of a new drainer on the node as it is now.</summary>
    public async Task<DrainStep> StepAsync(DrainOptions options)
    {
        var step = await Drainer().StepAsync(Node, "windows-default", options, CancellationToken.None);
        Steps.Add(step);
        return step;
    }

    /// <summary>Looks every <see cref="Look"/> of fake time until a step is no longer <see cref="DrainOutcome.Draining"/>.</summary>
    public async Task<DrainStep> DrainAsync(DrainOptions options, TimeSpan? limit = null)
    {
        var end = Time.GetUtcNow() + (limit ?? TimeSpan.FromHours(3));
        while (true)
        {
            var step = await StepAsync(options);
            if (step.Outcome != DrainOutcome.Draining)
            {
                return step;
            }

            Assert.True(Time.GetUtcNow() < end, $"the drain had not ended after {limit ?? TimeSpan.FromHours(3)} of fake time");
            Time.Advance(Look);
        }
    }

    public bool Has(string name) => _pods.Any(p => p.Key.Name == name && !(_goneAt.TryGetValue(p.Key, out var at) && at <= Time.GetUtcNow()));

    private void Terminate(PodKey key)
    {
        var index = _pods.FindIndex(p => p.Key == key);
        if (index >= 0 && !_goneAt.ContainsKey(key))
        {
            // The API sets deletionTimestamp to the end of the grace period.
            _pods[index] = _pods[index] with { IsTerminating = true, DeletionTimestamp = Time.GetUtcNow() + (_pods[index].TerminationGracePeriod ?? TimeSpan.Zero) };
            _goneAt[key] = Time.GetUtcNow() + TerminationTime;
        }
    }
}
