namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;

/// <summary>
/// One authorization decision: who asked, what (kube-apiserver's request attributes), and, when allowed by RBAC, the role
/// and the index of its rule that allowed it (null for system:masters).
/// </summary>
public sealed record AccessDecision(string User, RequestAttributes Request, bool Allowed, string Reason, string? Role = null, int? Rule = null);
