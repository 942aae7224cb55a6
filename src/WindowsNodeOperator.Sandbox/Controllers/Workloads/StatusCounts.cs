using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Workloads;

/// <summary>
/// Writes a workload's status counters when they differ from what is stored (a missing counter reads as 0, as
/// Go's omitempty leaves it). Other status fields are left as they are.
/// </summary>
internal static class StatusCounts
{
    // Counters of trouble that the API leaves out when there is none (omitempty), as kubectl describe shows them.
    private static readonly HashSet<string> OmittedWhenZero = new(StringComparer.Ordinal) { "numberUnavailable", "unavailableReplicas" };

    public static bool Write(ISandboxStore store, string plural, JsonObject obj, IReadOnlyDictionary<string, int> counts)
    {
        var status = obj["status"] as JsonObject;
        var changed = counts.Where(c => (Meta.Long(status?[c.Key]) ?? 0) != c.Value).ToList();
        if (changed.Count == 0)
        {
            return false;
        }

        var patch = new JsonObject();
        foreach (var (field, value) in changed)
        {
            patch[field] = value == 0 && OmittedWhenZero.Contains(field) ? null : value;
        }

        store.Patch(Meta.Str(obj, "apiVersion") ?? "apps/v1", plural, Meta.Namespace(obj), Meta.Name(obj), SandboxPatchType.Merge,
            new JsonObject { ["status"] = patch }, "status");
        return true;
    }
}
