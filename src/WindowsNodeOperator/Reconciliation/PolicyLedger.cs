using System.Text.Json;
using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// What the operator did to AWS on a policy's behalf and must remember across restarts: the refreshes it started
/// (with the AMI each rolls out, which DescribeInstanceRefreshes does not say) and the groups it put hooks on.
/// Kept in the policy's <see cref="AnnotationKey"/> annotation, so the truth lives in the cluster, not in memory.
/// </summary>
internal sealed record PolicyLedger(
    IReadOnlyDictionary<string, LedgerRefresh> Refreshes,
    IReadOnlyList<string> DrainHooks,
    IReadOnlyList<string> LaunchHooks)
{
    public const string AnnotationKey = "windowsnode.io/ledger";

    /// <summary>Old refreshes beyond this many are forgotten; only the last one per group matters to the planner.</summary>
    public const int MaxRefreshes = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static PolicyLedger Empty { get; } = new(new Dictionary<string, LedgerRefresh>(), [], []);

    public static PolicyLedger Read(IDictionary<string, string>? annotations)
    {
        if (annotations is null || !annotations.TryGetValue(AnnotationKey, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return Empty;
        }

        try
        {
            var doc = JsonSerializer.Deserialize<LedgerDocument>(text, Json);
            return doc is null
                ? Empty
                : new PolicyLedger(
                    doc.Refreshes ?? new Dictionary<string, LedgerRefresh>(),
                    doc.DrainHooks ?? [],
                    doc.LaunchHooks ?? []);
        }
        catch (JsonException)
        {
            // A hand-edited annotation must not stop the policy; the refreshes it named are then treated as users'.
            return Empty;
        }
    }

    public string Write() => JsonSerializer.Serialize(
        new LedgerDocument(
            Refreshes.OrderBy(r => r.Value.StartedAt).TakeLast(MaxRefreshes).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal),
            DrainHooks.Order(StringComparer.Ordinal).ToList(),
            LaunchHooks.Order(StringComparer.Ordinal).ToList()),
        Json);

    public bool Started(string refreshId) => Refreshes.ContainsKey(refreshId);

    public PolicyLedger WithRefresh(string id, LedgerRefresh refresh) =>
        this with { Refreshes = new Dictionary<string, LedgerRefresh>(Refreshes, StringComparer.Ordinal) { [id] = refresh } };

    public PolicyLedger WithDrainHook(string group, bool present) => this with { DrainHooks = Toggle(DrainHooks, group, present) };

    public PolicyLedger WithLaunchHook(string group, bool present) => this with { LaunchHooks = Toggle(LaunchHooks, group, present) };

    public bool SameAs(PolicyLedger other) => Write() == other.Write();

    private static List<string> Toggle(IReadOnlyList<string> groups, string group, bool present) =>
        present
            ? groups.Append(group).Distinct(StringComparer.Ordinal).ToList()
            : groups.Where(g => g != group).ToList();

    private sealed record LedgerDocument(
        Dictionary<string, LedgerRefresh>? Refreshes,
        List<string>? DrainHooks,
        List<string>? LaunchHooks);
}
