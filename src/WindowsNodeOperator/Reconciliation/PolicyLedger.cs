using System.Text.Json;
using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// What the operator did to AWS on a policy's behalf and must remember across restarts: the refreshes it started
/// (with the AMI each rolls out, which DescribeInstanceRefreshes does not say), the groups it put hooks on, the
/// launch template version it pinned per group (a group launches the old one until a refresh applies it), and the AMIs
/// it holds as failed (AWS keeps a refresh for six weeks only; the hold must outlive it).
/// Kept in the policy's <see cref="AnnotationKey"/> annotation, so the truth lives in the cluster, not in memory.
/// </summary>
internal sealed record PolicyLedger(
    IReadOnlyDictionary<string, LedgerRefresh> Refreshes,
    IReadOnlyList<string> DrainHooks,
    IReadOnlyList<string> LaunchHooks,
    IReadOnlyDictionary<string, LedgerTemplate>? PinnedTemplates = null,
    IReadOnlyList<LedgerFailedAmi>? FailedAmis = null)
{
    public const string AnnotationKey = "windowsnode.io/ledger";

    /// <summary>Old refreshes beyond this many are forgotten; only the last one per group matters to the planner.</summary>
    public const int MaxRefreshes = 20;

    /// <summary>Failed AMIs beyond this many are forgotten, the oldest first: a newer AMI has long replaced those.</summary>
    public const int MaxFailedAmis = 20;

    /// <summary>The longest reason kept for a failed AMI.</summary>
    public const int MaxReasonLength = 512;

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
            if (doc is null)
            {
                return Empty;
            }

            var refreshes = doc.Refreshes ?? new Dictionary<string, LedgerRefresh>();
            return new PolicyLedger(
                refreshes,
                doc.DrainHooks ?? [],
                doc.LaunchHooks ?? [],
                doc.Templates,
                WithUnclassifiedFailures(doc.FailedAmis, refreshes));
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
            PinnedTemplates is { Count: > 0 } pinned ? pinned.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal) : null,
            FailedAmis is { Count: > 0 } failed ? failed.OrderBy(f => f.FailedAt).TakeLast(MaxFailedAmis).ToList() : null),
        Json);

    public bool Started(string refreshId) => Refreshes.ContainsKey(refreshId);

    /// <summary>The record holding <paramref name="imageId"/>, if the operator holds it.</summary>
    public LedgerFailedAmi? FailedAmi(string imageId) => FailedAmis?.FirstOrDefault(f => f.ImageId == imageId);

    /// <summary>Holds an AMI; the first record of an AMI stands (a later failure of the same AMI adds nothing).</summary>
    public PolicyLedger WithFailedAmi(LedgerFailedAmi failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        if (FailedAmi(failed.ImageId) is not null)
        {
            return this;
        }

        var reason = failed.Reason.Length > MaxReasonLength ? failed.Reason[..MaxReasonLength] : failed.Reason;
        return this with { FailedAmis = [.. FailedAmis ?? [], failed with { Reason = reason }] };
    }

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

    /// <summary>
    /// A refresh recorded as failed without a cause was written before causes were told apart, when every failure held its
    /// AMI: it still does. Refreshes recorded since carry their cause, and only the AMI ones are in the failed list.
    /// </summary>
    private static List<LedgerFailedAmi>? WithUnclassifiedFailures(List<LedgerFailedAmi>? recorded, Dictionary<string, LedgerRefresh> refreshes)
    {
        var failed = recorded?.ToList() ?? [];
        foreach (var (id, refresh) in refreshes
                     .Where(r => r.Value is { Status: { } status, Cause: null } && Planning.RefreshStatuses.IsFailure(status))
                     .OrderBy(r => r.Value.FinishedAt ?? r.Value.StartedAt))
        {
            if (failed.All(f => f.ImageId != refresh.ImageId))
            {
                failed.Add(new LedgerFailedAmi(
                    refresh.ImageId,
                    refresh.Group,
                    id,
                    $"instance refresh {id} ended {refresh.Status}" + (refresh.StatusReason is { Length: > 0 } why ? $": {why}" : string.Empty),
                    refresh.FinishedAt ?? refresh.StartedAt));
            }
        }

        return failed.Count > 0 ? failed : null;
    }

    private sealed record LedgerDocument(
        Dictionary<string, LedgerRefresh>? Refreshes,
        List<string>? DrainHooks,
        List<string>? LaunchHooks,
        Dictionary<string, LedgerTemplate>? Templates = null,
        List<LedgerFailedAmi>? FailedAmis = null);
}
