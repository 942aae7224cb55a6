using System.Collections.Concurrent;
using System.Security.Cryptography;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;

/// <summary>
/// Bearer tokens the sandbox issued, as kube-apiserver's token authenticators see them: no Authorization header is the
/// anonymous user (anonymous authentication is on by default); a token not issued, or a ServiceAccount's whose account is
/// gone, is not authenticated (401).
/// </summary>
internal sealed class TokenAuthenticator(ResourceService service)
{
    private readonly ConcurrentDictionary<string, Issued> _tokens = new(StringComparer.Ordinal);

    public string Issue(SandboxUser user) => Add(new Issued(user, null, null));

    public string IssueForServiceAccount(string ns, string name) => Add(new Issued(SandboxUser.ServiceAccount(ns, name), ns, name));

    /// <summary>The user, or null when the request carries credentials that do not authenticate.</summary>
    public SandboxUser? Authenticate(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return SandboxUser.Anonymous;
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || !_tokens.TryGetValue(authorization["Bearer ".Length..].Trim(), out var issued))
        {
            return null;
        }

        if (issued.AccountNamespace is { } ns && !AccountExists(ns, issued.AccountName!))
        {
            return null;
        }

        return issued.User;
    }

    private bool AccountExists(string ns, string name)
    {
        try
        {
            service.Get(BuiltInResources.ServiceAccounts, ns, name);
            return true;
        }
        catch (SandboxApiException ex) when (ex.Code == 404)
        {
            return false;
        }
    }

    private string Add(Issued issued)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = issued;
        return token;
    }

    private sealed record Issued(SandboxUser User, string? AccountNamespace, string? AccountName);
}
