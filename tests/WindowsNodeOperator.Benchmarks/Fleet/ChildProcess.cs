using System.Collections.Concurrent;
using System.Diagnostics;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>
/// A .NET program of this build run as its own process (`dotnet X.dll ...`), its last lines of output kept, killed with its
/// children on dispose. Shared by the fleet benchmark and the tests that run the sandbox and `run` as processes.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private const int KeptLines = 2_000;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _waiters = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _exited.TrySetResult();
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _lines);

    /// <summary>Starts <paramref name="assembly"/> (a file beside the tests) with the test's environment plus <paramref name="environment"/>.</summary>
    public static ChildProcess Start(string assembly, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"{assembly} did not start"), assembly);
    }

    /// <summary>Waits (real time, bounded) for a line of output that contains <paramref name="text"/>; woken by the output itself.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan within)
    {
        var waiter = _waiters.GetOrAdd(text, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } seen)
        {
            waiter.TrySetResult(seen);
        }

        var first = await Task.WhenAny(waiter.Task, _exited.Task).WaitAsync(within).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
        if (first == waiter.Task)
        {
            return await waiter.Task;
        }

        throw new TimeoutException($"{Name}: no line with '{text}' within {within} (exited: {_process.HasExited})\n{Output}");
    }

    /// <summary>Waits (real time, bounded) for the process to exit; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        await _process.WaitForExitAsync().WaitAsync(within);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > KeptLines && _lines.TryDequeue(out _))
        {
        }

        foreach (var (text, waiter) in _waiters)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                waiter.TrySetResult(line);
            }
        }
    }
}
