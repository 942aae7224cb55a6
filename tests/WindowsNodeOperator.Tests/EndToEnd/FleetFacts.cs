using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>Reads of the sandbox that the scenarios assert on: a group's instances and the nodes behind them.</summary>
internal static class FleetFacts
{
    public static IReadOnlyList<Ec2Instance> Instances(this OperatorInSandbox world, string group)
    {
        var ids = world.Cluster.Cloud.AutoScaling.DescribeAutoScalingGroups(group).Single().Instances.Select(i => i.InstanceId).ToList();
        return world.Cluster.Cloud.Ec2.DescribeInstances(ids);
    }

    public static string InstanceId(JsonObject node) => node["spec"]!["providerID"]!.GetValue<string>().Split('/')[^1];

    public static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    public static bool IsReady(JsonObject node) =>
        (node["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>()
            .Any(c => c["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True") == true;

    public static bool IsCordoned(JsonObject node) => node["spec"]?["unschedulable"]?.GetValue<bool>() == true;

    /// <summary>The first index of any of <paramref name="reasons"/> among the events, or -1.</summary>
    public static int FirstOf(this IReadOnlyList<RecordedClusterEvent> events, params string[] reasons) =>
        events.ToList().FindIndex(e => reasons.Contains(e.Reason, StringComparer.Ordinal));

    public static int LastOf(this IReadOnlyList<RecordedClusterEvent> events, params string[] reasons) =>
        events.ToList().FindLastIndex(e => reasons.Contains(e.Reason, StringComparer.Ordinal));
}
