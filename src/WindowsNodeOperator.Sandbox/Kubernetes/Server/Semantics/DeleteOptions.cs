namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>The parts of metav1.DeleteOptions the sandbox honours (propagationPolicy is accepted and not acted on).</summary>
internal sealed record DeleteOptions
{
    public bool DryRun { get; init; }

    public long? GracePeriodSeconds { get; init; }

    public string? PropagationPolicy { get; init; }

    public string? PreconditionUid { get; init; }

    public string? PreconditionResourceVersion { get; init; }
}
