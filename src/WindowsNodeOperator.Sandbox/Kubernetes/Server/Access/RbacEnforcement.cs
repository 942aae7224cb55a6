using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Http;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;

/// <summary>
/// Authentication then authorization of each request, before it is routed, as kube-apiserver's filter chain does
/// (WithAuthentication, WithAuthorization): 401 for credentials that do not authenticate, 403 for a request no rule allows.
/// </summary>
internal sealed class RbacEnforcement(ResourceService service)
{
    public TokenAuthenticator Tokens { get; } = new(service);

    public RbacAuthorizer Authorizer { get; } = new(service);

    public AccessLog Log { get; } = new();

    /// <summary>The request's user, once allowed; throws the 401 or 403 Status otherwise.</summary>
    public SandboxUser Check(HttpRequest request)
    {
        var user = Tokens.Authenticate(request.Headers.Authorization.ToString()) ?? throw ApiErrors.Unauthorized();
        var attributes = RequestAttributes.Parse(request.Method, request.Path.Value ?? "/", key => RequestOptions.Query(request, key));
        var decision = Authorizer.Authorize(user, attributes);
        Log.Add(decision);
        return decision.Allowed ? user : throw ApiErrors.Forbidden(user, attributes, decision.Reason);
    }

    /// <summary>A SelfSubjectAccessReview's answer: the spec's attributes judged for the requesting user.</summary>
    public JsonObject Review(SandboxUser user, JsonObject review)
    {
        var spec = review["spec"] as JsonObject ?? new JsonObject();
        RequestAttributes attributes = spec["resourceAttributes"] is JsonObject r
            ? new RequestAttributes(
                true,
                Meta.Str(r, "verb") ?? "",
                "",
                Meta.Str(r, "group") ?? "",
                Meta.Str(r, "version") ?? "",
                Meta.Str(r, "resource") ?? "",
                Meta.Str(r, "subresource") ?? "",
                Meta.Str(r, "namespace") ?? "",
                Meta.Str(r, "name") ?? "")
            : new RequestAttributes(false, Meta.Str(spec["nonResourceAttributes"], "verb") ?? "", Meta.Str(spec["nonResourceAttributes"], "path") ?? "");
        var decision = Authorizer.Authorize(user, attributes);
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0)
        {
            status["reason"] = decision.Reason;
        }

        return new JsonObject
        {
            ["kind"] = "SelfSubjectAccessReview",
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = spec.DeepClone(),
            ["status"] = status,
        };
    }
}
