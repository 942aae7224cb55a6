using System.Collections.Frozen;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Patching;

/// <summary>
/// Strategic merge patch metadata of one kind, keyed by field path with list indexes left out
/// (for example <c>spec.containers.ports</c>). Fields not listed are replaced if lists and merged if objects.
/// </summary>
public sealed class PatchMeta(IReadOnlyDictionary<string, PatchField> fields)
{
    private readonly FrozenDictionary<string, PatchField> fields = fields.ToFrozenDictionary(StringComparer.Ordinal);

    public static PatchMeta Empty { get; } = new(new Dictionary<string, PatchField>());

    public IReadOnlyDictionary<string, PatchField> Fields => fields;

    /// <summary>The tags of the field at <paramref name="path"/>, or null when it has none.</summary>
    public PatchField? Lookup(string path) => fields.GetValueOrDefault(path);

    /// <summary>The built-in metadata for <c>"apiVersion/Kind"</c>, for example <c>"v1/Pod"</c> or <c>"apps/v1/Deployment"</c>.</summary>
    public static PatchMeta For(string apiVersionKind)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiVersionKind);
        var slash = apiVersionKind.LastIndexOf('/');
        if (slash <= 0)
        {
            throw new ArgumentException($"expected \"apiVersion/Kind\", got \"{apiVersionKind}\"", nameof(apiVersionKind));
        }

        return For(apiVersionKind[..slash], apiVersionKind[(slash + 1)..]);
    }

    /// <summary>The built-in metadata of a kind; a built-in kind not in the table gets the common object metadata only.</summary>
    public static PatchMeta For(string apiVersion, string kind) => BuiltInPatchMeta.For(apiVersion, kind);

    /// <summary>
    /// Whether kube-apiserver accepts a strategic merge patch for the kind: built-in kinds yes, custom
    /// resources no (it answers 415 and kubectl falls back to a merge patch).
    /// </summary>
    /// <remarks>https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/#notes-on-the-strategic-merge-patch</remarks>
    public static bool Supports(string apiVersion, string kind) => BuiltInPatchMeta.IsBuiltInGroup(apiVersion);
}
