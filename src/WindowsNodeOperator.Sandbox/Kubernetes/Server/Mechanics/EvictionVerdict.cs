namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;

/// <summary>An eviction decision: allowed (charging the named budget, if any) or refused with kube's Status.</summary>
internal sealed record EvictionVerdict(bool Allowed, string? BudgetName, SandboxApiException? Refusal);
