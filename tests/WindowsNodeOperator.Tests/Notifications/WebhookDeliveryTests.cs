using Moq;
using WindowsNodeOperator.Notifications;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Reconciliation.Status;
using WindowsNodeOperator.Runtime.Events;
using static WindowsNodeOperator.Tests.Notifications.WebhookReceiver;

namespace WindowsNodeOperator.Tests.Notifications;

public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task An_event_arrives_as_JSON_with_a_Slack_text_and_its_fields()
    {
        await using var world = await WebhookWorld.StartAsync();

        world.Notifier.Offer(WebhookWorld.Refreshed());
        var received = await world.Receiver.NextAsync();
        await world.Counts.WaitForAsync(WebhookMetrics.Delivered, 1);

        var json = WebhookWorld.Json(received);
        Assert.Equal("application/json; charset=utf-8", received.ContentType);
        Assert.Equal(
            ":white_check_mark: *InstanceRefreshSucceeded* policy `windows-2022`, group `eks-win-a`: " +
            "instance refresh 0a1b-2c3d of group eks-win-a to AMI ami-0123456789abcdef0 ended Successful",
            (string?)json["text"]);
        Assert.Matches("^[0-9a-f]{32}$", (string?)json["id"]);
        Assert.Equal((string?)json["id"], received.IdempotencyKey);
        Assert.Equal("InstanceRefreshSucceeded", (string?)json["reason"]);
        Assert.Equal("Normal", (string?)json["type"]);
        Assert.Equal("windows-2022", (string?)json["policy"]);
        Assert.Equal("eks-win-a", (string?)json["group"]);
        Assert.False(json.ContainsKey("node"));
        Assert.Equal("instance refresh 0a1b-2c3d of group eks-win-a to AMI ami-0123456789abcdef0 ended Successful", (string?)json["message"]);
        Assert.Equal(world.Clock.GetUtcNow(), DateTimeOffset.Parse((string)json["time"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(
            ["text", "id", "reason", "type", "policy", "group", "message", "time"],
            json.Select(p => p.Key));
    }

    [Fact]
    public async Task A_node_event_names_the_node_and_is_sent_once()
    {
        await using var world = await WebhookWorld.StartAsync();

        world.Notifier.Offer(WebhookWorld.Drained(1));
        world.Notifier.Offer(WebhookWorld.Drained(1));
        await world.Counts.WaitForAsync(WebhookMetrics.Delivered, 1);

        var json = WebhookWorld.Json(Assert.Single(world.Receiver.All));
        Assert.Equal("node-1", (string?)json["node"]);
        Assert.StartsWith(":white_check_mark: *NodeDrained* policy `windows-2022`, node `node-1`: ", (string?)json["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_500_is_retried_after_a_backoff_and_the_resend_carries_the_same_id()
    {
        await using var world = await WebhookWorld.StartAsync();
        world.Receiver.Script(new Answer(500));

        world.Notifier.Offer(WebhookWorld.Refreshed());
        var first = await world.Receiver.NextAsync();
        await world.Clock.FireAsync(WebhookWorld.FirstBackoff);
        var second = await world.Receiver.NextAsync();
        await world.Counts.WaitForAsync(WebhookMetrics.Delivered, 1);

        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.IdempotencyKey, second.IdempotencyKey);
        Assert.Equal(2, world.Receiver.All.Count);
        Assert.Equal(1, world.Counts[WebhookMetrics.Delivered]);
        Assert.Equal(0, world.Counts[WebhookMetrics.Failed]);
        Assert.Contains(world.Logs.Lines, l => l.Contains("attempt 1 of notification", StringComparison.Ordinal) && l.Contains("HTTP 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_waits_as_long_as_Retry_After_says()
    {
        await using var world = await WebhookWorld.StartAsync();
        world.Receiver.Script(new Answer(429, RetryAfterSeconds: 7));

        world.Notifier.Offer(WebhookWorld.Refreshed());
        await world.Receiver.NextAsync();
        await world.Clock.FireAsync(TimeSpan.FromSeconds(7));
        await world.Receiver.NextAsync();
        await world.Counts.WaitForAsync(WebhookMetrics.Delivered, 1);
    }

    [Fact]
    public async Task A_receiver_that_hangs_times_out_on_the_clock_and_is_retried()
    {
        await using var world = await WebhookWorld.StartAsync();
        world.Receiver.Script(Answer.Hanging);

        world.Notifier.Offer(WebhookWorld.Refreshed());
        var first = await world.Receiver.NextAsync();
        await world.Clock.FireAsync(WebhookWorld.AttemptTimeout);
        world.Receiver.ReleaseHung();
        await world.Clock.FireAsync(WebhookWorld.FirstBackoff);
        var second = await world.Receiver.NextAsync();
        await world.Counts.WaitForAsync(WebhookMetrics.Delivered, 1);

        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.IdempotencyKey, second.IdempotencyKey);
        Assert.Contains(world.Logs.Lines, l => l.Contains("no answer within 00:00:30", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_400_is_not_retried_and_is_counted()
    {
        await using var world = await WebhookWorld.StartAsync();
        world.Receiver.Script(new Answer(400));

        world.Notifier.Offer(WebhookWorld.Drained(1));
        await world.Counts.WaitForAsync(WebhookMetrics.Rejected, 1);
        world.Notifier.Offer(WebhookWorld.Drained(2));
        await world.Counts.WaitForAsync(WebhookMetrics.Delivered, 1);

        Assert.Equal(["node-1", "node-2"], world.Receiver.All.Select(r => (string?)WebhookWorld.Json(r)["node"]));
        Assert.Equal(1, world.Counts[WebhookMetrics.Rejected]);
        Assert.Contains(world.Logs.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains("HTTP 400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Attempts_spent_are_counted_failed()
    {
        await using var world = await WebhookWorld.StartAsync(o => o.MaxAttempts = 2);
        world.Receiver.Script(new Answer(503), new Answer(503));

        world.Notifier.Offer(WebhookWorld.Refreshed());
        await world.Receiver.NextAsync();
        await world.Clock.FireAsync(WebhookWorld.FirstBackoff);
        await world.Receiver.NextAsync();
        await world.Counts.WaitForAsync(WebhookMetrics.Failed, 1);

        Assert.Equal(0, world.Counts[WebhookMetrics.Delivered]);
    }

    [Fact]
    public async Task Recording_an_event_never_waits_for_a_webhook_even_with_a_hung_receiver_and_a_full_queue()
    {
        await using var world = await WebhookWorld.StartAsync(o => o.QueueCapacity = 2);
        world.Receiver.Script(Answer.Hanging);
        var events = new PolicyEvents(new Mock<IEventRecorder>().Object, world.Notifier);
        var policy = WebhookWorld.Policy();

        var first = events.NodeAsync(policy, WebhookWorld.Node("node-0"), EventTypes.Normal, EventReasons.NodeDrained, "Drain", "node node-0 drained", CancellationToken.None);
        await world.Receiver.NextAsync();
        var rest = Enumerable.Range(1, 9)
            .Select(i => events.NodeAsync(policy, WebhookWorld.Node($"node-{i}"), EventTypes.Normal, EventReasons.NodeDrained, "Drain", $"node node-{i} drained", CancellationToken.None))
            .ToList();

        Assert.True(first.IsCompletedSuccessfully);
        Assert.All(rest, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Equal(7, world.Counts[WebhookMetrics.Dropped]);
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_and_counts_it()
    {
        await using var world = await WebhookWorld.StartAsync(o => o.QueueCapacity = 2);
        world.Receiver.Script(Answer.Hanging);

        world.Notifier.Offer(WebhookWorld.Drained(0));
        await world.Receiver.NextAsync();
        for (var i = 1; i <= 5; i++)
        {
            world.Notifier.Offer(WebhookWorld.Drained(i));
        }

        await world.Clock.FireAsync(WebhookWorld.AttemptTimeout);
        world.Receiver.ReleaseHung();
        await world.Clock.FireAsync(WebhookWorld.FirstBackoff);
        await world.Counts.WaitForAsync(WebhookMetrics.Delivered, 3);

        Assert.Equal(3, world.Counts[WebhookMetrics.Dropped]);
        Assert.Equal(["node-0", "node-4", "node-5"], world.Receiver.All.Select(r => (string?)WebhookWorld.Json(r)["node"]).Distinct());
        Assert.Equal(3, world.Logs.Lines.Count(l => l.Contains("queue full, dropped the oldest", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reasons_outside_the_filter_are_not_sent()
    {
        await using var world = await WebhookWorld.StartAsync(o => o.Reasons.Add(EventReasons.NodeDrained));

        world.Notifier.Offer(WebhookWorld.Refreshed());
        world.Notifier.Offer(WebhookWorld.Drained(1));
        await world.Counts.WaitForAsync(WebhookMetrics.Delivered, 1);

        Assert.Equal("NodeDrained", (string?)WebhookWorld.Json(Assert.Single(world.Receiver.All))["reason"]);
    }
}
