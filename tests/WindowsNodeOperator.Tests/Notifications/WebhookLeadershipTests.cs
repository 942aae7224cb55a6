using WindowsNodeOperator.Notifications;
using static WindowsNodeOperator.Tests.Notifications.WebhookReceiver;

namespace WindowsNodeOperator.Tests.Notifications;

public sealed class WebhookLeadershipTests
{
    [Fact]
    public async Task Notifications_queued_under_a_lost_lease_are_never_sent()
    {
        await using var world = await WebhookWorld.StartAsync();
        world.Receiver.Script(Answer.Hanging);
        world.Notifier.Offer(WebhookWorld.Drained(1));
        await world.Receiver.NextAsync();
        world.Notifier.Offer(WebhookWorld.Drained(2));
        world.Notifier.Offer(WebhookWorld.Drained(3));

        world.Leadership.Lose();
        await world.Counts.WaitForAsync(WebhookMetrics.Abandoned, 3);
        world.Receiver.ReleaseHung();

        // Leading again, only what this term records is sent.
        world.Leadership.Win();
        world.Notifier.Offer(WebhookWorld.Drained(4));
        await world.Counts.WaitForAsync(WebhookMetrics.Delivered, 1);
        Assert.Equal(["node-1", "node-4"], world.Receiver.All.Select(r => (string?)WebhookWorld.Json(r)["node"]).Distinct());
    }

    [Fact]
    public async Task A_standby_replica_queues_nothing()
    {
        await using var world = await WebhookWorld.StartAsync();
        world.Leadership.Lose();

        world.Notifier.Offer(WebhookWorld.Drained(1));

        Assert.Equal(1, world.Counts[WebhookMetrics.Abandoned]);
        Assert.Equal(0, world.Notifier.Endpoints[0].Queued);
        Assert.Empty(world.Receiver.All);
    }
}
