namespace WindowsNodeOperator.Runtime;

/// <summary>Names a Kubernetes resource kind for the generic list, watch, get and patch endpoints.</summary>
/// <param name="Group">API group; empty for the core group (<c>/api/v1</c>).</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Plural">Resource name in URLs, e.g. <c>nodes</c>.</param>
/// <param name="Kind">Object kind, e.g. <c>Node</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary>The <c>apiVersion</c> written in objects: <c>group/version</c>, or <c>version</c> for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}
