using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

namespace WindowsNodeOperator.Sandbox.Progress;

/// <summary>
/// One Auto Scaling group a policy acts on, as last sampled: instances launched since the observer started and in
/// service, of its desired capacity; its newest refresh; the nodes cordoned in it now.
/// </summary>
public sealed record GroupProgress(
    string Group,
    IReadOnlyList<string> Policies,
    int Replaced,
    int Total,
    InstanceRefreshInfo? Refresh,
    IReadOnlyList<string> Draining);
