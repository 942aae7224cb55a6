using Microsoft.Extensions.Logging;

namespace WindowsNodeOperator.Reconciliation;

internal static partial class ReconcilerLog
{
    [LoggerMessage(1, LogLevel.Information, "Policy {Policy}: {Action}")]
    public static partial void Acting(ILogger logger, string policy, string action);

    [LoggerMessage(2, LogLevel.Warning, "Policy {Policy}: AWS throttled past every retry: {Message}")]
    public static partial void Throttled(ILogger logger, string policy, string message);

    [LoggerMessage(6, LogLevel.Information, "Instance {InstanceId} of group {Group}: lifecycle action {Hook} completed {Result}")]
    public static partial void Completed(ILogger logger, string instanceId, string group, string hook, string result);

    [LoggerMessage(7, LogLevel.Debug, "Instance {InstanceId} of group {Group}: launch held, waiting for {Waiting}")]
    public static partial void LaunchHeld(ILogger logger, string instanceId, string group, string waiting);

    [LoggerMessage(9, LogLevel.Information, "Policy {Policy} is being deleted; its finalizer stays while {Waiting}")]
    public static partial void CleanupWaiting(ILogger logger, string policy, string waiting);
}
