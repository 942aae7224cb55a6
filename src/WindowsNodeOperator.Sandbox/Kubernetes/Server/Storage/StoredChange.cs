using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Storage;

/// <summary>One committed change in storage form; the objects are never mutated after commit.</summary>
internal sealed record StoredChange(long ResourceVersion, string Type, string StorageKey, JsonObject Object, JsonObject? Previous)
{
    public string? Namespace => Object["metadata"]?["namespace"]?.GetValue<string>();
}
