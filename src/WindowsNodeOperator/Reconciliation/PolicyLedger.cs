using System.Text.Json;
using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// What the operator did to AWS on a policy's behalf and must remember across restarts: the refreshes it started
/// (with the AMI each rolls out, which DescribeInstanceRefreshes does not say), the groups it put hooks on, and the
/// launch template version it pinned per group (a group launches the old one until a refresh applies it).
/// Kept in the policy's <see cref="AnnotationKey"/> annotation, so the truth lives in the cluster, not in memory.
/// </summary>
internal sealed record PolicyLedger(
    IReadOnlyDictionary<string, LedgerRefresh> Refreshes,
    IReadOnlyList<string> DrainHooks,
    IReadOnlyList<string> LaunchHooks,
    IReadOnlyDictionary<string, LedgerTemplate>? PinnedTemplates = null)
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
                    doc.LaunchHooks ?? [],
                    doc.Templates);
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
            LaunchHooks.Order(StringComparer.Ordinal).ToList(),
            PinnedTemplates is { Count: > 0 } pinned ? pinned.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal) : null),
        Json);

    public bool Started(string refreshId) => Refreshes.ContainsKey(refreshId);

    public PolicyLedger WithRefresh(string id, LedgerRefresh refresh) =>
        this with { Refreshes = new Dictionary<string, LedgerRefresh>(Refreshes, StringComparer.Ordinal) { [id] = refresh } };

    /// <summary>The version pinned for <paramref name="group"/> while its template is still <paramref name="templateId"/> at <paramref name="version"/>.</summary>
    public LedgerTemplate? PinnedFor(string group, string templateId, string version) =>
        PinnedTemplates?.GetValueOrDefault(group) is { } pinned && pinned.TemplateId == templateId && pinned.SourceVersion == version ? pinned : null;

    public PolicyLedger WithPinnedTemplate(string group, LedgerTemplate template) =>
        this with
        {
            PinnedTemplates = new Dictionary<string, LedgerTemplate>(PinnedTemplates ?? new Dictionary<string, LedgerTemplate>(), StringComparer.Ordinal) { [group] = template },
        };

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
        List<string>? LaunchHooks,
        Dictionary<string, LedgerTemplate>? Templates = null);
}
