using System.Text.RegularExpressions;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>metadata.name rules (RFC 1123 subdomain, or label for namespaces) with kube's messages.</summary>
internal static partial class NameValidation
{
    public static FieldProblem? Check(string name, bool labelOnly)
    {
        if (labelOnly)
        {
            return name.Length <= 63 && Label().IsMatch(name)
                ? null
                : FieldProblem.Invalid("metadata.name", name, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        }

        return name.Length <= 253 && Subdomain().IsMatch(name)
            ? null
            : FieldProblem.Invalid("metadata.name", name, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }

    /// <summary>RBAC objects' names need only be a path segment (rbac validation's ValidateRBACName, path.IsValidPathSegmentName): "system:discovery" is one.</summary>
    public static FieldProblem? CheckPathSegment(string name)
    {
        if (name is "." or "..")
        {
            return FieldProblem.Invalid("metadata.name", name, $"may not be '{name}'");
        }

        foreach (var illegal in new[] { "/", "%" })
        {
            if (name.Contains(illegal, StringComparison.Ordinal))
            {
                return FieldProblem.Invalid("metadata.name", name, $"may not contain '{illegal}'");
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
