using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>What an API server needs to serve a CRD; <see cref="Manifest"/> is the CRD object itself as JSON.</summary>
public sealed record CustomResourceDefinitionInfo(
    string Name,
    string Group,
    CustomResourceNames Names,
    string Scope,
    IReadOnlyList<CustomResourceVersionInfo> Versions,
    JsonObject Manifest)
{
    public bool IsNamespaced => Scope == "Namespaced";

    public CustomResourceVersionInfo StorageVersion => Versions.Single(v => v.Storage);

    public CustomResourceVersionInfo? FindVersion(string version) => Versions.FirstOrDefault(v => v.Name == version);
}
