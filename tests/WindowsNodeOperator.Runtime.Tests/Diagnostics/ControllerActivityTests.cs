using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Runtime.Diagnostics;
using WindowsNodeOperator.Runtime.Queues;

namespace WindowsNodeOperator.Runtime.Tests.Diagnostics;

public sealed class ControllerActivityTests
{
    private static readonly ObjectKey A = new(null, "a");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_queued_or_in_flight_key_is_activity_and_a_delayed_one_is_only_a_due_time()
    {
        var activity = new ControllerActivity();
        using var queue = new WorkQueue<ObjectKey>(_time);
        using var tracked = activity.Track(queue);
        Assert.True(activity.IsIdle);

        queue.Add(A);
        Assert.False(activity.IsIdle);

        var key = await queue.GetAsync(CancellationToken.None);
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, queue.InFlight);
        Assert.False(activity.IsIdle);

        queue.Done(key!);
        queue.AddAfter(A, TimeSpan.FromSeconds(30));
        Assert.True(activity.IsIdle);
        Assert.Equal(_time.GetUtcNow().AddSeconds(30), activity.NextDue);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(activity.IsIdle);
        Assert.Null(activity.NextDue);
    }

    [Fact]
    public void Touch_and_tracking_move_the_change_count_and_an_untracked_queue_no_longer_counts()
    {
        var activity = new ControllerActivity();
        using var queue = new WorkQueue<ObjectKey>(_time);
        var before = activity.Changes;
        var tracked = activity.Track(queue);
        activity.Touch();
        Assert.Equal(before + 2, activity.Changes);

        queue.Add(A);
        tracked.Dispose();
        Assert.True(activity.IsIdle);
        Assert.Equal(before + 3, activity.Changes);
    }
}
