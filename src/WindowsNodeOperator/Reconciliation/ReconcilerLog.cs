using Microsoft.Extensions.Logging;

namespace WindowsNodeOperator.Reconciliation;

internal static partial class ReconcilerLog
{
    [LoggerMessage(1, LogLevel.Information, "Policy {Policy}: {Action}")]
    public static partial void Acting(ILogger logger, string policy, string action);

    [LoggerMessage(2, LogLevel.Warning, "Policy {Policy}: AWS throttled past every retry: {Message}")]
    public static partial void Throttled(ILogger logger, string policy, string message);

    [LoggerMessage(3, LogLevel.Information, "Drain of node {Node} ({InstanceId}) ended {Outcome}")]
    public static partial void DrainEnded(ILogger logger, string node, string instanceId, string outcome);

    [LoggerMessage(4, LogLevel.Warning, "Drain of node {Node} ({InstanceId}) failed")]
    public static partial void DrainFailed(ILogger logger, Exception error, string node, string instanceId);

    [LoggerMessage(5, LogLevel.Warning, "Lifecycle heartbeat for {InstanceId} failed: {Message}")]
    public static partial void HeartbeatFailed(ILogger logger, string instanceId, string message);

    [LoggerMessage(6, LogLevel.Information, "Instance {InstanceId} of group {Group}: lifecycle action {Hook} completed {Result}")]
    public static partial void Completed(ILogger logger, string instanceId, string group, string hook, string result);

    [LoggerMessage(7, LogLevel.Debug, "Instance {InstanceId} of group {Group}: launch held, waiting for {Waiting}")]
    public static partial void LaunchHeld(ILogger logger, string instanceId, string group, string waiting);
}
