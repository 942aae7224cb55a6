using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The seeded fleet's two budgeted workloads (windows-apps/iis-frontend and orders-api), tightened so a drain must wait
/// and relaxed so it may end, and how a scenario finds the drain they hold.
/// </summary>
internal static class HeldDrains
{
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
