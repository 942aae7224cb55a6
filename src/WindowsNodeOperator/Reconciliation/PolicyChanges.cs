using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// Which policy updates wake a look: the spec (its generation), labels, annotations (the ledger, a user's nudge),
/// finalizers and a deletion. Not the status, which only the operator writes at the end of a look: without this filter
/// every look that changed the status woke one more look that found nothing to do.
/// </summary>
internal static class PolicyChanges
{
    public static bool CanChangeLook(WindowsNodePolicy? old, WindowsNodePolicy current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (old is null)
        {
            return true;
        }

        var (before, after) = (old.Metadata, current.Metadata);
        return before?.Generation != after?.Generation
            || before?.DeletionTimestamp != after?.DeletionTimestamp
            || !SameMap(before?.Labels, after?.Labels)
            || !SameMap(before?.Annotations, after?.Annotations)
            || !(before?.Finalizers ?? []).SequenceEqual(after?.Finalizers ?? [], StringComparer.Ordinal);
    }

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0)
        && (a ?? new Dictionary<string, string>()).All(p => b is not null && b.TryGetValue(p.Key, out var v) && v == p.Value);
}
