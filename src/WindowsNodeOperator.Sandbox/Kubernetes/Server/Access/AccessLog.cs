using System.Collections.Concurrent;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;

/// <summary>Every authorization decision the server made, in order (only while RBAC is enforced).</summary>
public sealed class AccessLog
{
    private readonly ConcurrentQueue<AccessDecision> _decisions = new();

    public IReadOnlyList<AccessDecision> Decisions => [.. _decisions];

    public IReadOnlyList<AccessDecision> Of(string user) => _decisions.Where(d => d.User == user).ToList();

    internal void Add(AccessDecision decision) => _decisions.Enqueue(decision);
}
