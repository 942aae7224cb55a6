using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Hosting.Configuration;
using WindowsNodeOperator.Hosting.Endpoints;
using WindowsNodeOperator.Runtime;
using WindowsNodeOperator.Runtime.Diagnostics;
using WindowsNodeOperator.Runtime.Queues;

namespace WindowsNodeOperator.Tests.Hosting;

public sealed class LivenessCheckTests
{
    private static readonly ObjectKey Policy = new(null, "windows-default");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ControllerActivity _activity = new();

    [Fact]
    public async Task A_reconcile_that_never_returns_fails_the_probe_once_it_is_older_than_StuckAfter_and_recovers_when_it_ends()
    {
        using var queue = new WorkQueue<ObjectKey>(_time);
        using var tracked = _activity.Track(queue);
        var check = Check(TimeSpan.FromMinutes(15));
        queue.Add(Policy);
        var key = await queue.GetAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(check.Problem());

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(
            "controllers stuck: work due since 2026-12-01T08:00:00Z (901s ago) is unfinished, beyond Operator:StuckAfter (900s)",
            check.Problem());

        queue.Done(key!);
        Assert.Null(check.Problem());
    }

    [Fact]
    public void A_key_no_worker_takes_fails_the_probe_and_an_idle_controller_never_does()
    {
        using var queue = new WorkQueue<ObjectKey>(_time);
        using var tracked = _activity.Track(queue);
        var check = Check(TimeSpan.FromMinutes(5));

        queue.AddAfter(Policy, TimeSpan.FromHours(6));
        _time.Advance(TimeSpan.FromHours(5));
        Assert.Null(check.Problem());

        // Due at 6 h; nobody takes it.
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(6));
        Assert.StartsWith("controllers stuck: work due since 2026-12-01T14:00:00Z", check.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void StuckAfter_shorter_than_a_minute_is_refused_naming_the_setting()
    {
        var result = new OperatorOptionsValidator().Validate(null, new OperatorOptions { LeaderElect = false, StuckAfter = TimeSpan.FromSeconds(10) });

        Assert.True(result.Failed);
        Assert.Contains("Operator:StuckAfter: '00:00:10' is too short", result.FailureMessage, StringComparison.Ordinal);
    }

    private LivenessCheck Check(TimeSpan stuckAfter) =>
        new(_activity, _time, Options.Create(new OperatorOptions { StuckAfter = stuckAfter }));
}
