namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;

/// <summary>Who a request comes from, as kube-apiserver's authenticators name it (user.Info): a user name and its groups.</summary>
public sealed record SandboxUser(string Name, IReadOnlyList<string> Groups)
{
    /// <summary>What an unauthenticated request is, with anonymous authentication on (kube-apiserver's default).</summary>
    public static SandboxUser Anonymous { get; } = new("system:anonymous", ["system:unauthenticated"]);

    /// <summary>The administrator of the kubeconfig the sandbox writes: in system:masters, which no authorizer can deny.</summary>
    public static SandboxUser Admin { get; } = new("kubernetes-admin", ["system:masters", "system:authenticated"]);

    /// <summary>A ServiceAccount's user, as its token authenticates (k8s.io/apiserver/pkg/authentication/serviceaccount).</summary>
    public static SandboxUser ServiceAccount(string ns, string name) =>
        new($"system:serviceaccount:{ns}:{name}", ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"]);

    public bool InGroup(string group) => Groups.Contains(group, StringComparer.Ordinal);
}
