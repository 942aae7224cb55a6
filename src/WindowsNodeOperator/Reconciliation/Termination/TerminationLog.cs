using Microsoft.Extensions.Logging;

namespace WindowsNodeOperator.Reconciliation.Termination;

internal static partial class TerminationLog
{
    [LoggerMessage(101, LogLevel.Debug, "Instance {InstanceId} of group {Group}: lifecycle action heartbeated")]
    public static partial void Heartbeat(ILogger logger, string instanceId, string group);

    [LoggerMessage(102, LogLevel.Information, "Instance {InstanceId} of group {Group}: no active lifecycle action for the {What}; it was completed already")]
    public static partial void NotActive(ILogger logger, string instanceId, string group, string what);
}
