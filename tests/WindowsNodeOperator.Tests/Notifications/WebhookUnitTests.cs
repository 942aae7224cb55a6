using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Notifications;

namespace WindowsNodeOperator.Tests.Notifications;

public sealed class WebhookUnitTests
{
    [Theory]
    [InlineData(1, 0.0, 500)]
    [InlineData(1, 0.999999, 1000)]
    [InlineData(2, 0.5, 1500)]
    [InlineData(4, 0.0, 4000)]
    [InlineData(20, 1.0, 300_000)]
    public void Backoff_doubles_with_equal_jitter_up_to_five_minutes(int failures, double jitter, int expectedMs) =>
        Assert.Equal(expectedMs, WebhookBackoff.Delay(failures, null, jitter).TotalMilliseconds, 0);

    [Fact]
    public void Retry_After_is_honoured_within_ten_minutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(42), WebhookBackoff.Delay(3, TimeSpan.FromSeconds(42), 0.9));
        Assert.Equal(TimeSpan.Zero, WebhookBackoff.Delay(3, TimeSpan.FromSeconds(-5), 0.9));
        Assert.Equal(TimeSpan.FromMinutes(10), WebhookBackoff.Delay(3, TimeSpan.FromHours(3), 0.9));
    }

    [Fact]
    public void An_event_keeps_its_id_for_its_identity_and_first_time_and_a_repeat_within_the_series_window_is_not_new()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var series = new EventSeries();
        var drained = WebhookWorld.Drained(1);

        var id = series.NewEventId(drained, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(5));
        var repeat = series.NewEventId(drained, clock.GetUtcNow());
        var other = series.NewEventId(WebhookWorld.Drained(2), clock.GetUtcNow());
        clock.Advance(EventSeries.Window);
        var later = series.NewEventId(drained, clock.GetUtcNow());

        Assert.NotNull(id);
        Assert.Null(repeat);
        Assert.NotNull(other);
        Assert.NotEqual(id, other);
        Assert.NotNull(later);
        Assert.NotEqual(id, later);
        Assert.Equal(id, new EventSeries().NewEventId(drained, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_series_memory_stays_bounded()
    {
        var series = new EventSeries();
        var now = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < EventSeries.Capacity * 3; i++)
        {
            Assert.NotNull(series.NewEventId(WebhookWorld.Drained(i), now));
        }

        Assert.Null(series.NewEventId(WebhookWorld.Drained((EventSeries.Capacity * 3) - 1), now));
    }

    [Fact]
    public void The_group_of_a_node_event_comes_from_the_policy_pending_replacement()
    {
        var policy = WebhookWorld.Policy();
        policy.Status = new WindowsNodePolicyStatus
        {
            PendingReplacements = [new PendingReplacement { Node = "node-1", InstanceId = "i-01", Group = "eks-win-b" }],
        };

        var notice = WebhookWorld.Drained(1) with { Policy = policy };

        Assert.Equal("eks-win-b", NotificationText.GroupOf(notice));
        Assert.Null(NotificationText.GroupOf(WebhookWorld.Drained(1)));
        Assert.Equal("eks-win-a", NotificationText.GroupOf(WebhookWorld.Refreshed()));
    }

    [Fact]
    public void Slack_text_is_escaped()
    {
        var text = NotificationText.Slack("Normal", "NodeExpired", "p", null, null, "a <b> & c");

        Assert.Equal(":information_source: *NodeExpired* policy `p`: a &lt;b&gt; &amp; c", text);
    }
}
