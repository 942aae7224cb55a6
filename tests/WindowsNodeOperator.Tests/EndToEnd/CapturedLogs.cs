using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>Keeps the operator's log lines (Information and up) with the sandbox time, to print when a scenario fails.</summary>
internal sealed class CapturedLogs(TimeProvider time) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..]);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{owner._time.GetUtcNow():MM-dd HH:mm:ss} {logLevel} {category}: {formatter(state, exception)}";
            owner._lines.Enqueue(exception is null ? line : $"{line} {exception.GetType().Name}: {exception.Message}");
        }
    }

    private readonly TimeProvider _time = time;
}
