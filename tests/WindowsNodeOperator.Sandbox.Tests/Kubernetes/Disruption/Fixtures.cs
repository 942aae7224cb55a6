using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Disruption;

internal static class Fixtures
{
    public static JsonObject Pod(string name, bool ready = true, string phase = "Running", bool deleting = false, string app = "web", string ns = "shop")
    {
        var pod = JsonNode.Parse($$$"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","labels":{"app":"{{{app}}}"}},
             "status":{"phase":"{{{phase}}}","conditions":[{"type":"Ready","status":"{{{(ready ? "True" : "False")}}}"}]}}
            """)!.AsObject();
        if (deleting)
        {
            pod["metadata"]!["deletionTimestamp"] = "2025-01-01T00:00:00Z";
        }

        return pod;
    }

    public static JsonObject Pdb(string name, string budget, string selector = """{"matchLabels":{"app":"web"}}""", string? status = null, string ns = "shop", long generation = 1)
    {
        var pdb = JsonNode.Parse($$$"""
            {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","generation":{{{generation}}}},
             "spec":{ {{{budget}}},"selector":{{{selector}}} } }
            """)!.AsObject();
        if (status is not null)
        {
            pdb["status"] = JsonNode.Parse(status);
        }

        return pdb;
    }

    public static List<JsonObject> Pods(int ready, int notReady = 0) =>
        Enumerable.Range(0, ready).Select(i => Pod($"r{i}"))
            .Concat(Enumerable.Range(0, notReady).Select(i => Pod($"n{i}", ready: false)))
            .ToList();
}
