using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The seeded fleet's two budgeted workloads (windows-apps/iis-frontend and orders-api), tightened so a drain must wait
/// and relaxed so it may end, and how a scenario finds the drain they hold.
/// </summary>
internal static class HeldDrains
{
    /// <summary>
    /// A soaked new AMI and the sample policy with no window, one node down at a time: once the first refresh starts, the
    /// budgets allow nothing, and the first drain evicts what it may and then waits with pods left. Returns that node.
    /// </summary>
    public static async Task<string> UntilADrainIsHeldAsync(OperatorInSandbox world)
    {
        world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;
        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        await world.RunUntilAsync(() => world.OperatorEvents.Any(e => e.Reason == "InstanceRefreshStarted"), TimeSpan.FromMinutes(10), "a refresh");

        SetBudgets(world, iisMinAvailable: 4, ordersMaxUnavailable: 0);
        world.Observers.Rebaseline();
        await world.RunUntilAsync(() => Held(world) is not null, TimeSpan.FromHours(2), "a drain held by the budgets");
        return Held(world)!;
    }

    public static void SetBudgets(OperatorInSandbox world, int iisMinAvailable, int ordersMaxUnavailable)
    {
        world.Store.Patch("policy/v1", "poddisruptionbudgets", "windows-apps", "iis-frontend", SandboxPatchType.Merge,
            new JsonObject { ["spec"] = new JsonObject { ["minAvailable"] = iisMinAvailable } });
        world.Store.Patch("policy/v1", "poddisruptionbudgets", "windows-apps", "orders-api", SandboxPatchType.Merge,
            new JsonObject { ["spec"] = new JsonObject { ["maxUnavailable"] = ordersMaxUnavailable } });
        world.Timeline.Note("test", $"budgets: iis-frontend minAvailable {iisMinAvailable}, orders-api maxUnavailable {ordersMaxUnavailable}");
    }

    /// <summary>A node the operator cordoned for a drain seven minutes ago or more, still not drained: a drain the budgets hold.</summary>
    public static string? Held(OperatorInSandbox world)
    {
        var now = world.Time.GetUtcNow();
        var drained = world.OperatorEvents.Where(e => e.Reason == "NodeDrained").Select(e => e.Note.Split(' ')[1]).ToHashSet(StringComparer.Ordinal);
        return world.OperatorEvents
            .Where(e => e.Reason == "NodeCordoned" && e.Regarding.StartsWith("Node/", StringComparison.Ordinal) && now - e.Time >= TimeSpan.FromMinutes(7))
            .Select(e => e.Note.Split(' ')[1])
            .FirstOrDefault(n => !drained.Contains(n));
    }
}
