using Microsoft.Extensions.Logging;

namespace WindowsNodeOperator.Runtime.Controllers;

internal static partial class ControllerLog
{
    [LoggerMessage(2001, LogLevel.Information, "Controller for {Kind} started with {Workers} workers")]
    public static partial void Started(ILogger logger, string kind, int workers);

    [LoggerMessage(2002, LogLevel.Information, "Controller for {Kind} stopped")]
    public static partial void Stopped(ILogger logger, string kind);

    [LoggerMessage(2003, LogLevel.Debug, "Reconciled {Key}: {Result}")]
    public static partial void Reconciled(ILogger logger, ObjectKey key, string result);

    [LoggerMessage(2004, LogLevel.Debug, "Reconciled {Key}: again in {Delay}")]
    public static partial void Requeued(ILogger logger, ObjectKey key, TimeSpan delay);

    [LoggerMessage(2005, LogLevel.Error, "Reconcile of {Key} failed (attempt {Attempt}); retrying with backoff")]
    public static partial void Failed(ILogger logger, Exception exception, ObjectKey key, int attempt);

    [LoggerMessage(2006, LogLevel.Warning, "Reconcile of {Key} failed and will not be retried until the object changes: {Reason}")]
    public static partial void Terminal(ILogger logger, ObjectKey key, string reason);
}
