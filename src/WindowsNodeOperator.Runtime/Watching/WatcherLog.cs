using Microsoft.Extensions.Logging;

namespace WindowsNodeOperator.Runtime.Watching;

internal static partial class WatcherLog
{
    [LoggerMessage(1001, LogLevel.Debug, "Listed {Count} {Kind} at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string kind, int count, string resourceVersion);

    [LoggerMessage(1002, LogLevel.Debug, "Watching {Kind} from resourceVersion {ResourceVersion}")]
    public static partial void Watching(ILogger logger, string kind, string resourceVersion);

    [LoggerMessage(1003, LogLevel.Information, "Watch of {Kind} expired (410 Gone); listing again")]
    public static partial void Expired(ILogger logger, string kind);

    [LoggerMessage(1004, LogLevel.Warning, "Watch of {Kind} failed; retrying in {Delay}")]
    public static partial void Failed(ILogger logger, Exception exception, string kind, TimeSpan delay);

    [LoggerMessage(1005, LogLevel.Debug, "Resync of {Kind}: enqueued {Count} keys")]
    public static partial void Resynced(ILogger logger, string kind, int count);
}
