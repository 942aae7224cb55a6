namespace WindowsNodeOperator.Sandbox.Kubernetes.Patching;

/// <summary>
/// The strategic merge patch tags of one field (Go's <c>patchStrategy</c> and <c>patchMergeKey</c>):
/// a merge list of objects needs a merge key, a merge list of scalars is a set.
/// </summary>
public sealed record PatchField(PatchStrategy Strategy, string? MergeKey = null, bool RetainKeys = false)
{
    public static PatchField MergeBy(string mergeKey, bool retainKeys = false) => new(PatchStrategy.Merge, mergeKey, retainKeys);

    public static PatchField MergeSet { get; } = new(PatchStrategy.Merge);
}
