using WindowsNodeOperator.Reconciliation;

namespace WindowsNodeOperator.Sandbox.Calls;

/// <summary>
/// The step boundaries of a rollout where a test may stop the operator: the vocabulary of the sandbox's
/// <c>--hold-at</c> and of the in-process kill points, so both kill at the same calls.
/// </summary>
internal static class HoldPoints
{
    public static IReadOnlyList<HoldPoint> All { get; } =
    [
        new("after-launch-template-version", After: true, "after CreateLaunchTemplateVersion", c => c.Action == "CreateLaunchTemplateVersion"),
        new("after-start-instance-refresh", After: true, "after StartInstanceRefresh, before the ledger write", c => c.Action == "StartInstanceRefresh"),
        new("after-ledger-write", After: true, "after the ledger write of the refresh", IsLedgerWrite),
        new("after-cordon", After: true, "after a cordon", c => c.Method == "PATCH" && c.Path.StartsWith("/api/v1/nodes/", StringComparison.Ordinal)
            && c.Body?.Contains("\"unschedulable\":true", StringComparison.Ordinal) == true),
        new("mid-eviction", After: true, "mid-eviction (after the first accepted)", c => IsEviction(c) && c.Status is >= 200 and < 300),
        new("blocked-drain", After: true, "with a drain blocked by a PodDisruptionBudget (after an eviction it refused)", c => IsEviction(c) && c.Status == 429),
        new("after-heartbeat", After: true, "after a lifecycle heartbeat", c => c.Action == "RecordLifecycleActionHeartbeat"),
        new("before-complete-drain", After: false, "before CompleteLifecycleAction of a drain", c => IsComplete(c, LifecycleHooks.Drain)),
        new("after-complete-drain", After: true, "after CompleteLifecycleAction of a drain", c => IsComplete(c, LifecycleHooks.Drain)),
        new("during-status-write", After: false, "during a status write", c => c.Method == "PATCH" && c.Path.EndsWith("/status", StringComparison.Ordinal)
            && c.Body?.Contains("drifted", StringComparison.Ordinal) == true),
        new("during-launch-gate", After: false, "during the launch gate (before CONTINUE)", c => IsComplete(c, LifecycleHooks.Launch)),
        new("after-launch-gate", After: true, "after the launch gate's CONTINUE", c => IsComplete(c, LifecycleHooks.Launch)),
    ];

    /// <summary>The point named <paramref name="name"/>, or null.</summary>
    public static HoldPoint? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    private static bool IsLedgerWrite(WireCall call) =>
        call.Method == "PATCH" && call.Path.Contains("/windowsnodepolicies/", StringComparison.Ordinal) && !call.Path.EndsWith("/status", StringComparison.Ordinal)
        && call.Body is { } body && body.Contains(PolicyLedger.AnnotationKey, StringComparison.Ordinal) && body.Contains("startedAt", StringComparison.Ordinal);

    private static bool IsEviction(WireCall call) => call.Method == "POST" && call.Path.EndsWith("/eviction", StringComparison.Ordinal);

    private static bool IsComplete(WireCall call, string hook) =>
        call.Action == "CompleteLifecycleAction" && call.Parameters.GetValueOrDefault("LifecycleHookName") == hook;
}
