namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Http;

/// <summary>A parsed resource URL: /api/v1/... or /apis/GROUP/VERSION/..., with the legacy /watch/ prefix.</summary>
internal sealed record ApiPath(string Group, string Version, bool LegacyWatch, string? Namespace, string? Plural, string? Name, string? Subresource)
{
    /// <summary>Parses the part after the group-version; namespaced paths need to know which plurals are namespaced.</summary>
    public static ApiPath? Parse(string path, Func<string, string, string, bool> isNamespacedPlural)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        string[] rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            group = "";
            rest = segments[1..];
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            group = segments[1];
            rest = segments[2..];
        }
        else
        {
            return null;
        }

        var version = rest[0];
        rest = rest[1..];
        var watch = rest.Length > 0 && rest[0] == "watch";
        if (watch)
        {
            rest = rest[1..];
        }

        string? ns = null;
        if (rest.Length >= 3 && rest[0] == "namespaces" && isNamespacedPlural(group, version, rest[2]))
        {
            ns = rest[1];
            rest = rest[2..];
        }

        if (rest.Length > 3)
        {
            return null;
        }

        return new ApiPath(
            group,
            version,
            watch,
            ns,
            rest.Length > 0 ? rest[0] : null,
            rest.Length > 1 ? rest[1] : null,
            rest.Length > 2 ? rest[2] : null);
    }
}
