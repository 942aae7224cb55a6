using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WindowsNodeOperator.Tests.Cli;

/// <summary>Keeps every request the sandbox API server logs (its debug line carries the method and path), to prove a command only read.</summary>
internal sealed class RequestRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Method, string Path)> _requests = new();

    public IReadOnlyList<(string Method, string Path)> Requests => [.. _requests];

    public ILoggerFactory Factory() => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RequestRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => category.EndsWith("SandboxApiServer", StringComparison.Ordinal);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && state is IReadOnlyList<KeyValuePair<string, object?>> fields
                && fields.FirstOrDefault(f => f.Key == "Method").Value is string method)
            {
                owner._requests.Enqueue((method, fields.FirstOrDefault(f => f.Key == "Path").Value as string ?? string.Empty));
            }
        }
    }
}
