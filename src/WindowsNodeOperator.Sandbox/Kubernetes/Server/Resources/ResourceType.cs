using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

/// <summary>One served resource: its names, scope, subresources and, for custom resources, its schema and columns.</summary>
internal sealed record ResourceType(string Group, string Version, string Kind, string Plural, string Singular, bool Namespaced)
{
    public static readonly IReadOnlyList<string> AllVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>The verbs discovery lists for it.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    public IReadOnlyList<string> Categories { get; init; } = [];

    public bool HasStatus { get; init; }

    public bool HasEviction { get; init; }

    public bool TracksGeneration { get; init; }

    /// <summary>The CRD's name for a custom resource, null for a built-in.</summary>
    public string? CrdName { get; init; }

    public IObjectSchema? Schema { get; init; }

    public JsonArray? PrinterColumns { get; init; }

    /// <summary>Objects of types sharing a storage key are the same objects (core and events.k8s.io events).</summary>
    public string? SharedStorageKey { get; init; }

    public bool IsCustom => CrdName is not null;

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string StorageKey => SharedStorageKey ?? GroupResource;

    public string ListKind => Kind + "List";

    public bool Matches(string kindOrPlural) =>
        string.Equals(kindOrPlural, Kind, StringComparison.OrdinalIgnoreCase)
        || string.Equals(kindOrPlural, Plural, StringComparison.OrdinalIgnoreCase)
        || string.Equals(kindOrPlural, Singular, StringComparison.OrdinalIgnoreCase);
}
