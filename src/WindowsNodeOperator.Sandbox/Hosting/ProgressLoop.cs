using WindowsNodeOperator.Sandbox.Progress;

namespace WindowsNodeOperator.Sandbox.Hosting;

/// <summary>
/// Prints what the replacement does while the sandbox serves: once a second of real time, the lines that changed;
/// once every policy is Ready, the summary. Returns when asked to stop, or at that point when told to exit then.
/// </summary>
internal static class ProgressLoop
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <returns>True when every policy became Ready (and exiting then was asked for); false when stopped.</returns>
    public static async Task<bool> RunAsync(SandboxCluster cluster, TimeProvider sandboxTime, bool exitWhenDone, TextWriter output, CancellationToken ct)
    {
        using var progress = new ReplacementProgress(cluster, sandboxTime);
        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        var summarized = false;
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                progress.Observe();
                foreach (var line in progress.Render())
                {
                    await output.WriteLineAsync(line).ConfigureAwait(false);
                }

                if (progress.IsDone && !summarized)
                {
                    summarized = true;
                    foreach (var line in progress.Summary())
                    {
                        await output.WriteLineAsync(line).ConfigureAwait(false);
                    }

                    if (exitWhenDone)
                    {
                        return true;
                    }
                }
                else if (!progress.IsDone)
                {
                    // A new policy or AMI starts another round; its end is summarized again.
                    summarized = false;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: stop serving.
        }

        return false;
    }
}
