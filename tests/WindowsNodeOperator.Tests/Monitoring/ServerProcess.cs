using System.Collections.Concurrent;
using System.Diagnostics;

namespace WindowsNodeOperator.Tests.Monitoring;

/// <summary>A Prometheus or Alertmanager server the test started, its output kept for the failure message.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    public ServerProcess(string binary, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Name = Path.GetFileName(binary);
    }

    public string Name { get; }

    public string Output => $"--- {Name} ---\n" + string.Join('\n', _lines.TakeLast(40));

    /// <summary>Polls <paramref name="ready"/> (its /-/ready) until it answers 200, or fails with the server's output.</summary>
    public async Task WaitReadyAsync(HttpClient http, Uri ready, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"{Name} exited with {_process.ExitCode}\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(ready);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        Assert.Fail($"{Name} not ready within {within}\n{Output}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
