using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

namespace WindowsNodeOperator.Sandbox.Progress;

/// <summary>What the progress reads of a WindowsNodePolicy: the groups it acts on and its Ready condition.</summary>
internal sealed record PolicyView(
    string Name,
    long Generation,
    long? ObservedGeneration,
    string? Ready,
    string? Reason,
    string? Message,
    DateTimeOffset? ReadySince,
    bool HasPendingReplacements,
    IReadOnlyList<string> GroupNames,
    IReadOnlyDictionary<string, string> GroupTags)
{
    public const string ApiVersion = "windowsnode.io/v1alpha1";
    public const string Plural = "windowsnodepolicies";

    /// <summary>Ready=True for the current spec.</summary>
    public bool IsReady => Ready == "True" && ObservedGeneration == Generation;

    public static PolicyView From(JsonObject policy)
    {
        var groups = policy["spec"]?["autoScalingGroups"];
        var ready = JsonRead.Condition(policy, "Ready");
        return new PolicyView(
            JsonRead.Name(policy),
            JsonRead.Long(policy, "metadata", "generation") ?? 1,
            JsonRead.Long(policy, "status", "observedGeneration"),
            JsonRead.Str(ready, "status"),
            JsonRead.Str(ready, "reason"),
            JsonRead.Str(ready, "message"),
            JsonRead.Time(ready, "lastTransitionTime"),
            policy["status"]?["pendingReplacements"] is JsonArray { Count: > 0 },
            (groups?["names"] as JsonArray)?.Select(n => n?.GetValue<string>()).OfType<string>().ToList() ?? [],
            (groups?["tags"] as JsonObject)?.Where(t => t.Value is JsonValue).ToDictionary(t => t.Key, t => t.Value!.ToString()) ?? []);
    }

    /// <summary>A group is the policy's when named, or when it carries every one of the policy's tags.</summary>
    public bool Selects(AutoScalingGroupInfo group) =>
        GroupNames.Count > 0
            ? GroupNames.Contains(group.AutoScalingGroupName)
            : GroupTags.Count > 0 && GroupTags.All(t => group.Tags.TryGetValue(t.Key, out var value) && value == t.Value);
}
