using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;

/// <summary>
/// kube-apiserver's authorization chain as the sandbox models it: system:masters is allowed everything (the privileged
/// group authorizer), then the RBAC authorizer reads the ClusterRoleBindings, and the RoleBindings of the request's
/// namespace, stored right now (k8s.io/kubernetes/plugin/pkg/auth/authorizer/rbac/rbac.go, rule matching as in
/// k8s.io/component-helpers/auth/rbac/validation and pkg/apis/rbac/v1/evaluation_helpers.go).
/// </summary>
internal sealed class RbacAuthorizer(ResourceService service)
{
    public AccessDecision Authorize(SandboxUser user, RequestAttributes request)
    {
        if (user.InGroup("system:masters"))
        {
            return new AccessDecision(user.Name, request, true, "");
        }

        var errors = new List<string>();
        foreach (var binding in service.List(BuiltInResources.ClusterRoleBindings, null).Items)
        {
            if (Allowed(user, request, binding, "", errors) is { } allowed)
            {
                return allowed;
            }
        }

        if (request.Namespace.Length > 0)
        {
            foreach (var binding in service.List(BuiltInResources.RoleBindings, request.Namespace).Items)
            {
                if (Allowed(user, request, binding, request.Namespace, errors) is { } allowed)
                {
                    return allowed;
                }
            }
        }

        var reason = errors.Count switch
        {
            0 => "",
            1 => $"RBAC: {errors[0]}",
            _ => $"RBAC: [{string.Join(", ", errors)}]",
        };
        return new AccessDecision(user.Name, request, false, reason);
    }

    private AccessDecision? Allowed(SandboxUser user, RequestAttributes request, JsonObject binding, string bindingNamespace, List<string> errors)
    {
        var subject = (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(s => AppliesTo(s, user, bindingNamespace));
        if (subject is null)
        {
            return null;
        }

        var roleKind = Meta.Str(binding["roleRef"], "kind") ?? "";
        var roleName = Meta.Str(binding["roleRef"], "name") ?? "";
        var role = Role(roleKind, roleName, bindingNamespace);
        if (role is null)
        {
            errors.Add($"{roleKind.ToLowerInvariant()}.rbac.authorization.k8s.io \"{roleName}\" not found");
            return null;
        }

        var rules = (role["rules"] as JsonArray ?? []).ToList();
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is JsonObject rule && RuleAllows(rule, request))
            {
                var bindingName = Meta.Str(binding["metadata"], "name");
                var source = bindingNamespace.Length == 0
                    ? $"ClusterRoleBinding \"{bindingName}\""
                    : $"RoleBinding \"{bindingName}/{bindingNamespace}\"";
                var reason = $"RBAC: allowed by {source} of {roleKind} \"{roleName}\" to {Describe(subject, bindingNamespace)}";
                var roleId = roleKind == "Role" ? $"Role {bindingNamespace}/{roleName}" : $"ClusterRole {roleName}";
                return new AccessDecision(user.Name, request, true, reason, roleId, i);
            }
        }

        return null;
    }

    private JsonObject? Role(string kind, string name, string bindingNamespace)
    {
        var type = kind switch
        {
            "ClusterRole" => BuiltInResources.ClusterRoles,
            "Role" when bindingNamespace.Length > 0 => BuiltInResources.Roles,
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        try
        {
            return service.Get(type, type.Namespaced ? bindingNamespace : null, name);
        }
        catch (SandboxApiException ex) when (ex.Code == 404)
        {
            return null;
        }
    }

    private static bool AppliesTo(JsonObject subject, SandboxUser user, string bindingNamespace)
    {
        var name = Meta.Str(subject, "name");
        return Meta.Str(subject, "kind") switch
        {
            "User" => user.Name == name,
            "Group" => name is not null && user.InGroup(name),
            "ServiceAccount" => user.Name == $"system:serviceaccount:{AccountNamespace(subject, bindingNamespace)}:{name}",
            _ => false,
        };
    }

    private static string Describe(JsonObject subject, string bindingNamespace)
    {
        var kind = Meta.Str(subject, "kind");
        var name = Meta.Str(subject, "name");
        return kind == "ServiceAccount"
            ? $"{kind} \"{AccountNamespace(subject, bindingNamespace)}/{name}\""
            : $"{kind} \"{name}\"";
    }

    private static string AccountNamespace(JsonObject subject, string bindingNamespace) =>
        Meta.Str(subject, "namespace") is { Length: > 0 } ns ? ns : bindingNamespace;

    /// <summary>rbac/v1 RuleAllows: verbs, then API groups, resources and names, or non-resource URLs.</summary>
    public static bool RuleAllows(JsonObject rule, RequestAttributes request)
    {
        var verbs = Strings(rule["verbs"]);
        if (!verbs.Contains("*") && !verbs.Contains(request.Verb))
        {
            return false;
        }

        if (!request.IsResourceRequest)
        {
            return Strings(rule["nonResourceURLs"]).Any(url =>
                url == "*" || url == request.Path || (url.EndsWith('*') && request.Path.StartsWith(url[..^1], StringComparison.Ordinal)));
        }

        var groups = Strings(rule["apiGroups"]);
        if (!groups.Contains("*") && !groups.Contains(request.ApiGroup))
        {
            return false;
        }

        var resources = Strings(rule["resources"]);
        var resourceMatches = resources.Any(r =>
            r == "*"
            || r == request.CombinedResource
            || (request.Subresource.Length > 0 && r == $"*/{request.Subresource}"));
        if (!resourceMatches)
        {
            return false;
        }

        var names = Strings(rule["resourceNames"]);
        return names.Count == 0 || (request.Name.Length > 0 && names.Contains(request.Name));
    }

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>().ToList();
}
