using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;

/// <summary>Builds errors with kube-apiserver's exact reasons and messages (k8s.io/apimachinery/pkg/api/errors).</summary>
internal static class ApiErrors
{
    public static SandboxApiException NotFound(ResourceType type, string name) =>
        NotFound(type.Group, type.Plural, name);

    public static SandboxApiException NotFound(string group, string plural, string name) =>
        new(404, "NotFound", $"{Qualified(group, plural)} \"{name}\" not found", Details(name, group, plural));

    public static SandboxApiException PathNotFound() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static SandboxApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists", Details(name, type.Group, type.Plural));

    public static SandboxApiException Conflict(ResourceType type, string name) =>
        new(
            409,
            "Conflict",
            $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(name, type.Group, type.Plural));

    public static SandboxApiException ConflictWith(ResourceType type, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": {why}", Details(name, type.Group, type.Plural));

    public static SandboxApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>401 as kube-apiserver answers credentials that do not authenticate (responsewriters.Unauthorized).</summary>
    public static SandboxApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    /// <summary>
    /// 403 as kube-apiserver's WithAuthorization answers (responsewriters.Forbidden, forbiddenMessage and
    /// apierrors.NewForbidden): the group-resource and name, the user, verb, resource with subresource, API group and scope.
    /// </summary>
    public static SandboxApiException Forbidden(SandboxUser user, RequestAttributes request, string reason)
    {
        string message;
        if (!request.IsResourceRequest)
        {
            message = $"User \"{user.Name}\" cannot {request.Verb} path \"{request.Path}\"";
        }
        else
        {
            var scope = request.Namespace.Length > 0 ? $"in the namespace \"{request.Namespace}\"" : "at the cluster scope";
            message = $"User \"{user.Name}\" cannot {request.Verb} resource \"{request.CombinedResource}\" in API group \"{request.ApiGroup}\" {scope}";
        }

        if (reason.Length > 0)
        {
            message = $"{message}: {reason}";
        }

        var qualified = request.Resource.Length == 0 ? "" : Qualified(request.ApiGroup, request.Resource);
        var full = qualified.Length == 0
            ? $"forbidden: {message}"
            : request.Name.Length == 0 ? $"{qualified} is forbidden: {message}" : $"{qualified} \"{request.Name}\" is forbidden: {message}";
        var details = new JsonObject();
        if (request.Name.Length > 0)
        {
            details["name"] = request.Name;
        }

        if (request.ApiGroup.Length > 0)
        {
            details["group"] = request.ApiGroup;
        }

        if (request.Resource.Length > 0)
        {
            details["kind"] = request.Resource;
        }

        return new SandboxApiException(403, "Forbidden", full, details);
    }

    public static SandboxApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new JsonObject());

    public static SandboxApiException UnsupportedMediaType(string contentType) =>
        new(
            415,
            "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got {contentType})");

    public static SandboxApiException Gone(string message) => new(410, "Expired", message);

    public static SandboxApiException Unprocessable(string message) => new(422, "Invalid", message);

    /// <summary>422 Invalid: one error renders alone, several as a bracketed list, as utilerrors.NewAggregate does.</summary>
    public static SandboxApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldProblem> problems)
    {
        var rendered = problems.Select(p => p.ToString()).ToList();
        var joined = rendered.Count == 1 ? rendered[0] : "[" + string.Join(", ", rendered) + "]";
        var causes = new JsonArray();
        foreach (var problem in problems)
        {
            causes.Add(new JsonObject
            {
                ["reason"] = problem.CauseReason,
                ["message"] = problem.Body,
                ["field"] = problem.Field,
            });
        }

        var details = Details(name, type.Group, type.Kind);
        details["causes"] = causes;
        var kind = type.Group.Length == 0 ? type.Kind : $"{type.Kind}.{type.Group}";
        return new SandboxApiException(422, "Invalid", $"{kind} \"{name}\" is invalid: {joined}", details);
    }

    public static string Qualified(string group, string plural) => group.Length == 0 ? plural : $"{plural}.{group}";

    private static JsonObject Details(string name, string group, string kind)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = kind;
        return details;
    }
}
