using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Progress;

namespace WindowsNodeOperator.Sandbox.Tests.Progress;

/// <summary>A whole group replaced by an instance refresh, watched as the sandbox program would: sample, render, summarise.</summary>
public sealed class RefreshProgressTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);
    private ProgressScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await ProgressScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public void A_refreshed_group_is_reported_line_by_line_and_summed_up()
    {
        var s = _scenario;
        s.CreatePolicy();
        s.SetReady(false, "ReplacementsPending", "6 nodes to replace in eks-windows-a", pending: 6);
        using var progress = new ReplacementProgress(s.Cluster, s.Time);
        var start = s.Time.GetUtcNow();
        var printed = new List<string>(progress.Render());

        // 1. Before anything moves: one line per group the policy acts on, one per policy; nothing twice.
        Assert.Equal(
            [
                "[+00:00:00] eks-windows-a  0/6 replaced",
                "[+00:00:00] eks-windows-b  0/6 replaced",
                "[+00:00:00] policy windows-default waits: ReplacementsPending: 6 nodes to replace in eks-windows-a",
            ],
            printed);
        Assert.Empty(progress.Render());
        Assert.False(progress.IsDone);

        // 2. The operator's refresh, its hooks answered by the stand-in; sampled every 30 simulated seconds.
        s.Hook("eks-windows-a");
        s.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest("eks-windows-a", Preferences: new RefreshPreferences { InstanceWarmup = 60 }));
        var sinceSample = TimeSpan.Zero;
        s.Run(TimeSpan.FromMinutes(40), () =>
        {
            if ((sinceSample += Step) >= TimeSpan.FromSeconds(30))
            {
                sinceSample = TimeSpan.Zero;
                progress.Observe();
                printed.AddRange(progress.Render());
            }
        });

        var refresh = s.AutoScaling.DescribeInstanceRefreshes("eks-windows-a")[0];
        Assert.Equal(InstanceRefreshStatus.Successful, refresh.Status);
        Assert.False(progress.IsDone);
        s.SetReady(true, "UpToDate", "every node is young and on the target AMI");
        var readyAt = s.Time.GetUtcNow();
        s.Run(TimeSpan.FromSeconds(30));
        progress.Observe();
        printed.AddRange(progress.Render());

        // 3. Progress lines: only changes, at most 120 columns, the cordoned node named while it drains.
        Assert.True(progress.IsDone);
        Assert.All(printed, l => Assert.InRange(l.Length, 1, 120));
        var bodies = printed.Select(l => l[(l.IndexOf(']', StringComparison.Ordinal) + 2)..]).ToList();
        foreach (var subject in new[] { "eks-windows-a ", "eks-windows-b ", "policy windows-default" })
        {
            var said = bodies.Where(b => b.StartsWith(subject, StringComparison.Ordinal)).ToList();
            Assert.All(said.Zip(said.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        }

        Assert.Contains(printed, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\[\+00:\d\d:\d\d\] eks-windows-a  [0-5]/6 replaced  refresh \d{1,2}% InProgress  draining ip-10-\d+-\d+-\d+$"));
        Assert.Contains("] eks-windows-a  6/6 replaced  refresh 100% Successful", printed[^2], StringComparison.Ordinal);
        Assert.EndsWith("] policy windows-default Ready", printed[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(printed, l => l.Contains("eks-windows-b  1", StringComparison.Ordinal));
        Assert.DoesNotContain(printed, l => l.Contains("legacy", StringComparison.Ordinal) || l.Contains("linux", StringComparison.Ordinal));

        // 4. The figures: six drains finished, the longest as the stand-in measured it, the time until Ready.
        var figures = progress.Figures;
        Assert.Equal((6, 12), (figures.Replaced, figures.Total));
        Assert.Equal(6, s.Drains.Count);
        Assert.Equal(6, figures.DrainsFinished);
        var longest = s.Drains.Values.Max();
        Assert.NotNull(figures.LongestDrain);
        Assert.InRange(figures.LongestDrain.Duration - longest, -Step, Step);
        Assert.InRange(s.Drains[figures.LongestDrain.Node] - longest, -Step, TimeSpan.Zero);
        Assert.True(figures.LongestDrain.Duration >= s.DrainTime);
        Assert.Equal(readyAt - start, figures.TimeUntilReady);
        Assert.Equal((1, 1, 0, 0), (figures.RefreshesStarted, figures.RefreshesSucceeded, figures.RefreshesFailed, figures.RefreshesCancelled));
        Assert.NotNull(figures.LowestHeadroom);

        var summary = progress.Summary();
        Assert.Equal("Nodes replaced: 6 of 12 (eks-windows-a 6/6, eks-windows-b 0/6)", summary[0]);
        Assert.Equal($"Longest drain: {Duration(figures.LongestDrain.Duration)} ({figures.LongestDrain.Node.Split('.')[0]}), of 6 drains", summary[1]);
        Assert.Equal($"Simulated time until every policy was Ready: {Duration(readyAt - start)}", summary[2]);
        Assert.Equal($"Lowest PodDisruptionBudget headroom: {figures.LowestHeadroom.Headroom} ({figures.LowestHeadroom.Namespace}/{figures.LowestHeadroom.Name})", summary[3]);
        Assert.Equal("Instance refreshes: 1 started, 1 succeeded, 0 failed", summary[4]);
    }

    private static string Duration(TimeSpan span) =>
        span.Hours > 0 ? $"{span.Hours}h{span.Minutes:00}m{span.Seconds:00}s" : $"{span.Minutes}m{span.Seconds:00}s";
}
