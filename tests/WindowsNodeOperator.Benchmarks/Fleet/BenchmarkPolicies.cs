using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>The policies a fleet benchmark applies, as the objects the sandbox store takes.</summary>
internal static class BenchmarkPolicies
{
    public const string Name = "bench";

    /// <summary>
    /// Work is due (expired and drifted nodes) but the only maintenance window opens once a year, at 03:00 UTC on 1 January:
    /// each look gathers, plans and waits, changing nothing. The steady state of a fleet between windows.
    /// </summary>
    public static JsonObject Steady(string maxNodeAge = "45d", string soakTime = "24h") => Parse($$"""
        {
          "apiVersion": "windowsnode.io/v1alpha1", "kind": "WindowsNodePolicy", "metadata": { "name": "{{Name}}" },
          "spec": {
            "autoScalingGroups": { "tags": { "windowsnode.io/managed": "true" } },
            "maxNodeAge": "{{maxNodeAge}}",
            "ami": { "windowsVersion": "2022", "soakTime": "{{soakTime}}" },
            "disruption": { "maxUnavailable": "10%", "maintenanceWindows": [ { "schedule": "0 3 1 1 *", "duration": "1h", "timeZone": "UTC" } ] }
          }
        }
        """);

    /// <summary>Replace every node now: no window, 10% of the nodes at a time, every group allowed to refresh at once.</summary>
    public static JsonObject Rollout(int concurrentGroups, string instanceWarmup) => Parse($$"""
        {
          "apiVersion": "windowsnode.io/v1alpha1", "kind": "WindowsNodePolicy", "metadata": { "name": "{{Name}}" },
          "spec": {
            "autoScalingGroups": { "tags": { "windowsnode.io/managed": "true" } },
            "ami": { "windowsVersion": "2022", "soakTime": "24h" },
            "refresh": { "instanceWarmup": "{{instanceWarmup}}", "concurrentGroups": {{concurrentGroups}} },
            "disruption": { "maxUnavailable": "10%" }
          }
        }
        """);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
