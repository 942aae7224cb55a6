using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>
/// The operator's own `run` as a process of its own (<c>dotnet WindowsNodeOperator.dll run</c>), pointed at a sandbox by a
/// kubeconfig and the AWS endpoint settings, as in a cluster; its output kept, killed on dispose.
/// </summary>
internal sealed partial class OperatorProcess : IDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _metrics = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OperatorProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output => string.Join('\n', _lines);

    public static OperatorProcess Start(string kubeconfig, Uri awsEndpoint, string region)
    {
        ArgumentNullException.ThrowIfNull(awsEndpoint);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "WindowsNodeOperator.dll"), "run", "--kubeconfig", kubeconfig,
            "--metrics-bind-address", "127.0.0.1:0", "--health-probe-bind-address", "127.0.0.1:0"])
        {
            info.ArgumentList.Add(arg);
        }

        // What the sandbox's --aws-env file exports: any AWS client reaches the simulated account with throwaway keys.
        info.Environment["AWS_ENDPOINT_URL"] = awsEndpoint.ToString().TrimEnd('/');
        info.Environment["AWS_REGION"] = region;
        info.Environment["AWS_DEFAULT_REGION"] = region;
        info.Environment["AWS_ACCESS_KEY_ID"] = "AKIASANDBOXEXAMPLE00";
        info.Environment["AWS_SECRET_ACCESS_KEY"] = "sandbox-secret-not-a-real-key";
        info.Environment.Remove("AWS_PROFILE");
        info.Environment.Remove("AWS_SESSION_TOKEN");
        info.Environment["WNO_Operator__LeaseNamespace"] = "kube-system";
        return new OperatorProcess(Process.Start(info) ?? throw new InvalidOperationException("WindowsNodeOperator.dll did not start"));
    }

    /// <summary>Where `run` serves /metrics, from the line it logs at start.</summary>
    public async Task<Uri> MetricsAsync(TimeSpan within)
    {
        var first = await Task.WhenAny(_metrics.Task, _process.WaitForExitAsync(), Task.Delay(within)).ConfigureAwait(false);
        return first == _metrics.Task ? await _metrics.Task.ConfigureAwait(false) : throw new InvalidOperationException($"run did not serve metrics within {within}:\n{Output}");
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

        if (ServingMetrics().Match(line) is { Success: true } match)
        {
            _metrics.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Serving metrics at (http\S+?/metrics)")]
    private static partial Regex ServingMetrics();
}
