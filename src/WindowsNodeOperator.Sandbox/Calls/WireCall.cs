namespace WindowsNodeOperator.Sandbox.Calls;

/// <summary>
/// One call as the sandbox saw it on the wire: an AWS action with the Query parameters that tell its target, or a
/// Kubernetes request with its verb, path and body; <see cref="Status"/> is the answer's once it is known.
/// <see cref="Client"/> names the caller without revealing its secret: <c>aws:ACCESS-KEY-ID</c> or <c>k8s:</c> and the
/// first eight hex digits of the bearer token's SHA-256.
/// </summary>
internal sealed record WireCall(
    string Client, string Method, string Path, string? Action, IReadOnlyDictionary<string, string> Parameters, string? Body, int? Status = null)
{
    /// <summary>The Query parameters a write line shows, in this order.</summary>
    public static IReadOnlyList<string> ShownParameters { get; } =
        ["AutoScalingGroupName", "InstanceId", "LifecycleHookName", "LifecycleActionResult", "LaunchTemplateId", "LaunchTemplateName", "SourceVersion"];

    /// <summary>
    /// Whether the call may change something: an AWS action that is not a Describe, Get or List, or a Kubernetes verb
    /// other than GET, HEAD and OPTIONS.
    /// </summary>
    public bool IsWrite => Action is { } action
        ? !(action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("Get", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal))
        : Method is not ("GET" or "HEAD" or "OPTIONS");

    /// <summary><c>write: CLIENT STATUS WHAT</c>, one line.</summary>
    public string WriteLine()
    {
        var what = Action is null
            ? $"{Method} {Path}"
            : string.Join(' ', ShownParameters.Where(Parameters.ContainsKey).Select(p => $"{p}={Parameters[p]}").Prepend(Action));
        return $"write: {Client} {Status ?? 0} {what}";
    }
}
