using System.Diagnostics;

namespace WindowsNodeOperator.Tests.Monitoring;

/// <summary>
/// promtool, the Prometheus server and Alertmanager from Debian's <c>prometheus</c> and <c>prometheus-alertmanager</c>.
/// A missing one fails the test with the command that installs it: these tests never skip.
/// </summary>
internal static class PrometheusTools
{
    public const string InstallHint =
        "install them with `apt-get update && apt-get install -y prometheus prometheus-alertmanager` (scripts/install-test-tools.sh does it)";

    public static string Promtool => Find("promtool");

    public static string Prometheus => Find("prometheus");

    public static string Alertmanager => Find("prometheus-alertmanager", "alertmanager");

    public static async Task<ToolResult> RunAsync(string tool, IEnumerable<string> args, string workingDirectory, TimeSpan within)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', start.ArgumentList)} did not finish within {within}");
        }

        return new ToolResult(process.ExitCode, await stdout + await stderr);
    }

    private static string Find(params string[] names)
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator) ?? [];
        foreach (var name in names)
        {
            foreach (var candidate in path.Append("/usr/bin").Select(dir => Path.Combine(dir, name)))
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        Assert.Fail($"{names[0]} is not installed: {InstallHint}.");
        return string.Empty;
    }
}
