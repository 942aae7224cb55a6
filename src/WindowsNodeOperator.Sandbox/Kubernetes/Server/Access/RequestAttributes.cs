using System.Globalization;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;

/// <summary>
/// What a request asks for, as kube-apiserver's RequestInfoFactory reads it from the URL and method alone
/// (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): a resource request (verb, API group, resource, subresource,
/// namespace, name) or a non-resource one (verb and path).
/// </summary>
public sealed record RequestAttributes(
    bool IsResourceRequest, string Verb, string Path, string ApiGroup = "", string ApiVersion = "", string Resource = "", string Subresource = "", string Namespace = "", string Name = "")
{
    private static readonly string[] NamespaceSubresources = ["status", "finalize"];

    /// <summary>The resource with its subresource, as RBAC rules name it ("pods/eviction").</summary>
    public string CombinedResource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";

    public static RequestAttributes Parse(string method, string path, Func<string, string?> query)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(query);
        var nonResource = new RequestAttributes(false, method.ToLowerInvariant(), path);
        var parts = path.Trim('/').Split('/');
        if (parts.Length < 3 || parts is not ["api", ..] and not ["apis", ..])
        {
            return nonResource;
        }

        var group = "";
        var rest = parts[1..];
        if (parts[0] == "apis")
        {
            if (parts.Length < 4)
            {
                return nonResource;
            }

            group = rest[0];
            rest = rest[1..];
        }

        var version = rest[0];
        rest = rest[1..];
        var verb = method switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => "",
        };

        // /api/v1/watch/namespaces/x/pods: the legacy watch prefix.
        if (rest is ["watch", _, ..])
        {
            verb = "watch";
            rest = rest[1..];
        }

        var ns = "";
        if (rest is ["namespaces", var namespaceName, ..])
        {
            ns = namespaceName;
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2], StringComparer.Ordinal))
            {
                rest = rest[2..];
            }
        }

        var resource = rest.Length > 0 ? rest[0] : "";
        var name = rest.Length > 1 ? rest[1] : "";
        var subresource = rest.Length > 2 ? rest[2] : "";
        if (name.Length == 0 && verb == "get")
        {
            verb = query("watch") is { } watch && !string.Equals(watch, "false", StringComparison.OrdinalIgnoreCase) && watch != "0" ? "watch" : "list";

            // A list or watch of one object by metadata.name counts as a request for that name, so resourceNames can allow it.
            if (NameSelected(query("fieldSelector")) is { } selected)
            {
                name = selected;
            }
        }

        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestAttributes(true, verb, path, group, version, resource, subresource, ns, name);
    }

    public override string ToString() => IsResourceRequest
        ? string.Create(CultureInfo.InvariantCulture, $"{Verb} {CombinedResource}.{ApiGroup} {Namespace}/{Name}")
        : $"{Verb} {Path}";

    /// <summary>fields.Selector.RequiresExactMatch("metadata.name"), and the name a valid path segment.</summary>
    private static string? NameSelected(string? fieldSelector)
    {
        if (string.IsNullOrEmpty(fieldSelector))
        {
            return null;
        }

        string? name = null;
        foreach (var term in fieldSelector.Split(','))
        {
            // "metadata.name=x" or "metadata.name==x"; "!=" requires no exact match.
            var equals = term.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && term[equals - 1] != '!' && term[..equals].Trim() == "metadata.name")
            {
                name = term[(equals + 1)..].TrimStart('=').Trim();
            }
        }

        return name is null || name.Length == 0 || name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal)
            ? null
            : name;
    }
}
