using WindowsNodeOperator.Sandbox.Calls;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server;

/// <summary>How to start the sandbox API server.</summary>
public sealed record SandboxApiServerOptions
{
    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>CRD YAML files registered at start.</summary>
    public IReadOnlyList<string> CrdFiles { get; init; } = [];

    /// <summary>CRD YAML documents registered at start, after <see cref="CrdFiles"/> (for CRDs a binary carries embedded).</summary>
    public IReadOnlyList<string> CrdDocuments { get; init; } = [];

    /// <summary>The clock for creationTimestamp, deletionTimestamp, event times and watch timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public string KubernetesVersion { get; init; } = "v1.31.0";

    /// <summary>How many changes watches can resume from before a resourceVersion is too old (410).</summary>
    public int WatchHistorySize { get; init; } = 10_000;

    /// <summary>
    /// Authenticate bearer tokens and authorize every request with the RBAC objects stored, as kube-apiserver does
    /// (off: every request is allowed, as before). The kubeconfig written then carries an admin token in system:masters.
    /// </summary>
    public bool EnforceRbac { get; init; }

    /// <summary>Shown every write, to hold one or print them (the sandbox program's <c>--hold-at</c> and <c>--print-writes</c>).</summary>
    internal CallWatch? Calls { get; init; }
}
