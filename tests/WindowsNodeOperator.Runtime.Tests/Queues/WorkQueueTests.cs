using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Runtime.Queues;

namespace WindowsNodeOperator.Runtime.Tests.Queues;

public sealed class WorkQueueTests
{
    private static readonly ObjectKey A = new(null, "a");
    private static readonly ObjectKey B = new("ns", "b");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_key_added_twice_is_handed_out_once()
    {
        using var queue = new WorkQueue<ObjectKey>(_time);
        queue.Add(A);
        queue.Add(new ObjectKey(null, "a"));
        queue.Add(B);

        Assert.Equal(2, queue.Count);
        Assert.Equal(A, await queue.GetAsync(CancellationToken.None));
        Assert.Equal(B, await queue.GetAsync(CancellationToken.None));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_in_flight_is_not_handed_to_a_second_worker_and_comes_back_once_after_done()
    {
        using var queue = new WorkQueue<ObjectKey>(_time);
        queue.Add(A);
        var first = await queue.GetAsync(CancellationToken.None);

        queue.Add(A);
        queue.Add(A);
        var second = queue.GetAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);
        Assert.Equal(0, queue.Count);

        queue.Done(first!);
        Assert.Equal(A, await second.WaitAsync(TimeSpan.FromSeconds(10)));
        queue.Done(A);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_waiting_worker_gets_a_key_added_later()
    {
        using var queue = new WorkQueue<ObjectKey>(_time);
        var get = queue.GetAsync(CancellationToken.None);
        Assert.False(get.IsCompleted);

        queue.Add(B);

        Assert.Equal(B, await get.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AddAfter_delivers_at_the_due_time_and_the_earliest_time_wins()
    {
        using var queue = new WorkQueue<ObjectKey>(_time);
        queue.AddAfter(A, TimeSpan.FromSeconds(30));
        queue.AddAfter(A, TimeSpan.FromSeconds(10));
        queue.AddAfter(A, TimeSpan.FromSeconds(20));

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, queue.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        queue.Done((await queue.GetAsync(CancellationToken.None))!);

        // The later times were absorbed by the earliest one: nothing more arrives.
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void AddAfter_zero_adds_now()
    {
        using var queue = new WorkQueue<ObjectKey>(_time);
        queue.AddAfter(A, TimeSpan.Zero);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Rate_limited_requeues_back_off_exponentially_per_key_until_forgotten()
    {
        using var queue = new WorkQueue<ObjectKey>(_time);

        Assert.Equal(TimeSpan.FromMilliseconds(5), DelayOfNextRateLimitedAdd(queue, A));
        Assert.Equal(TimeSpan.FromMilliseconds(10), DelayOfNextRateLimitedAdd(queue, A));
        Assert.Equal(TimeSpan.FromMilliseconds(20), DelayOfNextRateLimitedAdd(queue, A));
        Assert.Equal(3, queue.Requeues(A));

        // Other keys have their own backoff.
        Assert.Equal(TimeSpan.FromMilliseconds(5), DelayOfNextRateLimitedAdd(queue, B));

        queue.Forget(A);
        Assert.Equal(0, queue.Requeues(A));
        Assert.Equal(TimeSpan.FromMilliseconds(5), DelayOfNextRateLimitedAdd(queue, A));
    }

    [Fact]
    public void Backoff_is_capped()
    {
        var backoff = new ExponentialBackoff<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        TimeSpan last = default;
        for (var i = 0; i < 100; i++)
        {
            last = backoff.Next("k");
        }

        Assert.Equal(TimeSpan.FromSeconds(1000), last);
    }

    [Fact]
    public void Token_bucket_spaces_requeues_once_the_burst_is_spent()
    {
        var bucket = new TokenBucket(tokensPerSecond: 10, burst: 2, _time);
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(200), bucket.Reserve());

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
    }

    [Fact]
    public async Task ShutDown_releases_waiting_workers_and_refuses_new_keys()
    {
        var queue = new WorkQueue<ObjectKey>(_time);
        var waiting = queue.GetAsync(CancellationToken.None);
        queue.AddAfter(B, TimeSpan.FromSeconds(1));

        queue.ShutDown();

        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        queue.Add(A);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, queue.Count);
        Assert.Null(await queue.GetAsync(CancellationToken.None));
        Assert.True(queue.IsShutDown);
        queue.Dispose();
    }

    [Fact]
    public async Task A_cancelled_wait_does_not_swallow_a_later_key()
    {
        using var queue = new WorkQueue<ObjectKey>(_time);
        using var cts = new CancellationTokenSource();
        var cancelled = queue.GetAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        queue.Add(A);

        Assert.Equal(1, queue.Count);
        Assert.Equal(A, await queue.GetAsync(CancellationToken.None));
    }

    private TimeSpan DelayOfNextRateLimitedAdd(WorkQueue<ObjectKey> queue, ObjectKey key)
    {
        queue.AddRateLimited(key);
        var step = TimeSpan.FromMilliseconds(1);
        var waited = TimeSpan.Zero;
        while (queue.Count == 0)
        {
            _time.Advance(step);
            waited += step;
        }

        var got = queue.GetAsync(CancellationToken.None).Result;
        queue.Done(got!);
        return waited;
    }

    [Fact]
    public async Task Unfinished_work_counts_from_when_a_key_became_ready_then_from_when_its_reconcile_began()
    {
        using var queue = new WorkQueue<ObjectKey>(_time);
        Assert.Null(queue.OldestUnfinished);

        var added = _time.GetUtcNow();
        queue.Add(A);
        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(added, queue.OldestUnfinished);

        var taken = _time.GetUtcNow();
        var key = await queue.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(taken, queue.OldestUnfinished);

        queue.Done(key!);
        Assert.Null(queue.OldestUnfinished);
    }

    [Fact]
    public async Task A_key_added_again_during_its_reconcile_is_unfinished_from_the_end_of_that_reconcile()
    {
        using var queue = new WorkQueue<ObjectKey>(_time);
        queue.Add(A);
        var key = await queue.GetAsync(CancellationToken.None);
        queue.Add(A);
        _time.Advance(TimeSpan.FromMinutes(1));

        var done = _time.GetUtcNow();
        queue.Done(key!);

        Assert.Equal(1, queue.Count);
        Assert.Equal(done, queue.OldestUnfinished);
    }

    [Fact]
    public void A_delayed_key_is_not_unfinished_before_it_falls_due()
    {
        using var queue = new WorkQueue<ObjectKey>(_time);
        queue.AddAfter(A, TimeSpan.FromHours(1));
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.Null(queue.OldestUnfinished);

        var due = _time.GetUtcNow().AddMinutes(1);
        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(due, queue.OldestUnfinished);
    }
}
