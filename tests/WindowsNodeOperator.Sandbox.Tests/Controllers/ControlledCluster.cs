using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Controllers;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Storage;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

/// <summary>The seeded fleet in an in-process store (no HTTP), its controllers stepped by hand on a fake clock.</summary>
internal sealed class ControlledCluster : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private long _changes;

    private ControlledCluster(FakeTimeProvider time, ResourceService service, ISandboxStore store, SeededFleet fleet, SandboxControllers controllers)
    {
        Time = time;
        Service = service;
        Store = store;
        Fleet = fleet;
        Controllers = controllers;
        Store.Changed += (_, _) => _changes++;
    }

    public FakeTimeProvider Time { get; }

    public ResourceService Service { get; }

    public ISandboxStore Store { get; }

    public SeededFleet Fleet { get; }

    public SandboxControllers Controllers { get; }

    /// <summary>Committed store changes since the controllers were built, the kubelets' heartbeats aside.</summary>
    public long Changes => _changes - Controllers.HeartbeatWrites;

    public static async Task<ControlledCluster> SeedAsync(FleetOptions? fleet = null, SandboxControllerOptions? options = null, Func<int, int>? random = null)
    {
        fleet ??= new FleetOptions();
        var time = new FakeTimeProvider(Start);
        var service = new ResourceService(new ObjectStore(10_000), new ResourceCatalog(), time, random);
        var store = new SandboxStore(service);
        foreach (var ns in new[] { "default", "kube-system", "kube-node-lease" })
        {
            store.Create(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        var seeded = await new FleetSeeder(new StoreClusterWriter(store), time).SeedAsync(fleet, CancellationToken.None);
        return new ControlledCluster(time, service, store, seeded, new SandboxControllers(store, fleet, time, options));
    }

    public int Step() => Controllers.Step();

    public void Advance(TimeSpan by)
    {
        Time.Advance(by);
        Step();
    }

    public IReadOnlyList<JsonObject> Pods(string ns, string app) =>
        Store.List("v1", "pods", ns, labelSelector: $"app.kubernetes.io/name={app}");

    public IReadOnlyList<JsonObject> PodsOn(string node) => Store.List("v1", "pods", fieldSelector: $"spec.nodeName={node}");

    public JsonObject Pod(string ns, string name) => Store.Find("v1", "pods", ns, name) ?? throw new InvalidOperationException($"no pod {ns}/{name}");

    public JsonObject? Node(string name) => Store.Find("v1", "nodes", null, name);

    public IEnumerable<SimulatedInstance> Windows => Fleet.Instances.Where(i => i.Os == NodeOs.Windows);

    public void Cordon(string node) =>
        Store.Patch("v1", "nodes", null, node, SandboxPatchType.Merge, new JsonObject { ["spec"] = new JsonObject { ["unschedulable"] = true } });

    public void Evict(string ns, string pod) =>
        Service.Evict(ns, pod, new JsonObject { ["apiVersion"] = "policy/v1", ["kind"] = "Eviction", ["metadata"] = new JsonObject { ["name"] = pod, ["namespace"] = ns } }, dryRun: false);

    public int DisruptionsAllowed(string ns, string pdb) =>
        Store.Find("policy/v1", "poddisruptionbudgets", ns, pdb)!["status"]!["disruptionsAllowed"]!.GetValue<int>();

    /// <summary>"REASON: MESSAGE" of every event about the named object, oldest first.</summary>
    public IReadOnlyList<string> EventsAbout(string ns, string name) =>
        Store.List("v1", "events", ns, fieldSelector: $"involvedObject.name={name}")
            .Select(e => $"{e["reason"]!.GetValue<string>()}: {e["message"]!.GetValue<string>()}")
            .ToList();

    public void Dispose() => Controllers.Dispose();

    public static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    public static string? NodeName(JsonObject pod) => pod["spec"]?["nodeName"]?.GetValue<string>();

    public static string? Phase(JsonObject pod) => pod["status"]?["phase"]?.GetValue<string>();

    public static JsonObject? Condition(JsonObject obj, string type) =>
        obj["status"]?["conditions"]?.AsArray().OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);

    public static string? ConditionStatus(JsonObject obj, string type) => Condition(obj, type)?["status"]?.GetValue<string>();

    public static int Count(JsonObject obj, string field) => obj["status"]?[field]?.GetValue<int>() ?? 0;
}
