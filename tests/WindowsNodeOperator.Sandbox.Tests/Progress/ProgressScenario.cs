using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Tests.Progress;

/// <summary>
/// The sandbox cluster on a fake clock, a WindowsNodePolicy in its store, and a stand-in operator that answers the
/// groups' lifecycle hooks as the real one does: cordon and annotate the node, delete its pods, let termination go on
/// after a drain time; let a new instance in once its node is Ready. It measures each drain itself, to check the progress
/// (the cluster's controllers may write from the thread pool, hence the concurrent maps).
/// </summary>
internal sealed class ProgressScenario : IAsyncDisposable
{
    public const string Policy = "windows-default";
    public const string LaunchHook = "windowsnode-launch";
    public const string TerminateHook = "windowsnode-terminate";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _cordoned = new(StringComparer.Ordinal);
    private readonly List<string> _hooked = [];

    private ProgressScenario(FakeTimeProvider time, SandboxCluster cluster)
    {
        Time = time;
        Cluster = cluster;
        Store.Changed += (_, e) =>
        {
            if (e.Type == "DELETED" && e.Resource["kind"]?.GetValue<string>() == "Node" && _cordoned.TryGetValue(Name(e.Resource), out var from))
            {
                Drains[Name(e.Resource)] = Time.GetUtcNow() - from;
            }
        };
    }

    public FakeTimeProvider Time { get; }

    public SandboxCluster Cluster { get; }

    public ISandboxStore Store => Cluster.Server.Store;

    public SimulatedAutoScaling AutoScaling => Cluster.Cloud.AutoScaling;

    /// <summary>How long the stand-in drains a node before it lets termination continue.</summary>
    public TimeSpan DrainTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Each finished drain as the stand-in measured it: from its cordon to the Node's deletion.</summary>
    public ConcurrentDictionary<string, TimeSpan> Drains { get; } = new(StringComparer.Ordinal);

    public static async Task<ProgressScenario> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 21, 0, 0, TimeSpan.Zero));
        var crd = await File.ReadAllTextAsync(RepositoryRoot.Combine("manifests", "crd", "windowsnodepolicies.yaml"));
        var cluster = await SandboxCluster.StartAsync(new SandboxApiServerOptions { TimeProvider = time, CrdDocuments = [crd] }, new FleetOptions());
        return new ProgressScenario(time, cluster);
    }

    public void CreatePolicy(string name = Policy) => Store.Create(new JsonObject
    {
        ["apiVersion"] = "windowsnode.io/v1alpha1",
        ["kind"] = "WindowsNodePolicy",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["autoScalingGroups"] = new JsonObject { ["tags"] = new JsonObject { ["windowsnode.io/managed"] = "true" } },
        },
    });

    /// <summary>Writes the Ready condition through the status subresource, for the policy's current generation unless told.</summary>
    public void SetReady(bool ready, string reason, string message, int pending = 0, long? observedGeneration = null, string name = Policy)
    {
        var generation = observedGeneration ?? long.Parse(Store.Find("windowsnode.io/v1alpha1", "windowsnodepolicies", null, name)!["metadata"]!["generation"]!.ToJsonString(), CultureInfo.InvariantCulture);
        var status = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready",
                ["status"] = ready ? "True" : "False",
                ["reason"] = reason,
                ["message"] = message,
                ["lastTransitionTime"] = Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            }),
            ["pendingReplacements"] = new JsonArray([.. Enumerable.Range(0, pending).Select(i => (JsonNode)new JsonObject
            {
                ["node"] = $"node-{i}",
                ["reason"] = "Drifted",
            })]),
        };
        Store.Patch("windowsnode.io/v1alpha1", "windowsnodepolicies", null, name, SandboxPatchType.Merge, new JsonObject { ["status"] = status }, "status");
    }

    /// <summary>Puts the operator's launch and terminate hooks on a group; the stand-in answers them from now on.</summary>
    public void Hook(string group)
    {
        AutoScaling.PutLifecycleHook(new LifecycleHookInfo(LaunchHook, group, LifecycleHooks.Launching));
        AutoScaling.PutLifecycleHook(new LifecycleHookInfo(TerminateHook, group, LifecycleHooks.Terminating, DefaultResult: LifecycleHooks.Continue));
        _hooked.Add(group);
    }

    /// <summary>Cordons a node as the operator does: unschedulable, with its cordoned-by and cordoned-at annotations.</summary>
    public void Cordon(string node)
    {
        var now = Time.GetUtcNow();
        _cordoned[node] = now;
        Store.Patch("v1", "nodes", null, node, SandboxPatchType.Merge, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject
                {
                    ["windowsnode.io/cordoned-by"] = Policy,
                    ["windowsnode.io/cordoned-at"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                },
            },
            ["spec"] = new JsonObject { ["unschedulable"] = true },
        });
    }

    public void Uncordon(string node)
    {
        _cordoned.TryRemove(node, out _);
        Store.Patch("v1", "nodes", null, node, SandboxPatchType.Merge, new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["windowsnode.io/cordoned-by"] = null, ["windowsnode.io/cordoned-at"] = null } },
            ["spec"] = new JsonObject { ["unschedulable"] = null },
        });
    }

    public IReadOnlyList<JsonObject> PodsOn(string node) => Store.List("v1", "pods", fieldSelector: $"spec.nodeName={node}");

    public void DeletePod(JsonObject pod) => Store.Delete("v1", "pods", pod["metadata"]!["namespace"]!.GetValue<string>(), Name(pod));

    /// <summary>Advances the clock in steps, stepping the account, the cluster and the stand-in as their timers would.</summary>
    public void Run(TimeSpan duration, Action? everyStep = null, TimeSpan? step = null)
    {
        var by = step ?? TimeSpan.FromSeconds(2);
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += by)
        {
            Time.Advance(by);
            Cluster.Cloud.Step();
            Cluster.Controllers!.Step();
            AnswerHooks();
            everyStep?.Invoke();
        }
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    public static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    private void AnswerHooks()
    {
        if (_hooked.Count == 0)
        {
            return;
        }

        var now = Time.GetUtcNow();
        var nodes = Store.List("v1", "nodes");
        foreach (var instance in AutoScaling.DescribeAutoScalingGroups(_hooked).SelectMany(g => g.Instances))
        {
            var node = nodes.FirstOrDefault(n => n["spec"]?["providerID"]?.GetValue<string>().EndsWith("/" + instance.InstanceId, StringComparison.Ordinal) == true);
            if (instance.LifecycleState == LifecycleState.TerminatingWait)
            {
                if (node is not null && !_cordoned.ContainsKey(Name(node)))
                {
                    Cordon(Name(node));
                    foreach (var pod in PodsOn(Name(node)))
                    {
                        DeletePod(pod);
                    }
                }
                else if (node is null || now - _cordoned[Name(node)] >= DrainTime)
                {
                    AutoScaling.CompleteLifecycleAction(instance.AutoScalingGroupName, TerminateHook, LifecycleHooks.Continue, instance.InstanceId);
                }
            }
            else if (instance.LifecycleState == LifecycleState.PendingWait && node is not null && IsReady(node))
            {
                AutoScaling.CompleteLifecycleAction(instance.AutoScalingGroupName, LaunchHook, LifecycleHooks.Continue, instance.InstanceId);
            }
        }
    }

    private static bool IsReady(JsonObject node) =>
        node["status"]?["conditions"]?.AsArray().OfType<JsonObject>()
            .Any(c => c["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True") == true;
}
