using System.Net;
using System.Net.Sockets;
using WindowsNodeOperator.Notifications;
using WindowsNodeOperator.Runtime.Events;
using static WindowsNodeOperator.Tests.Notifications.WebhookReceiver;

namespace WindowsNodeOperator.Tests.Notifications;

public sealed class WebhookSecretTests
{
    private const string Arn = "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:1f2e:autoScalingGroupName/eks-win-a";

    [Fact]
    public async Task Neither_payloads_nor_logs_carry_the_URL_or_AWS_data_beyond_ids()
    {
        await using var world = await WebhookWorld.StartAsync();
        world.Receiver.Script(new Answer(500), new Answer(400));
        var note = $"instance refresh 0a1b of group eks-win-a to AMI ami-0123 ended Failed: role {Arn} with key AKIAABCDEFGHIJKLMNOP, see https://console.aws.amazon.com/x";

        world.Notifier.Offer(WebhookWorld.Refreshed(note) with { Type = EventTypes.Warning, Reason = "InstanceRefreshFailed" });
        await world.Receiver.NextAsync();
        await world.Clock.FireAsync(WebhookWorld.FirstBackoff);
        await world.Counts.WaitForAsync(WebhookMetrics.Rejected, 1);

        var body = world.Receiver.All[0].Body;
        Assert.Contains("ended Failed: role [arn] with key [key], see [url]", body, StringComparison.Ordinal);
        Assert.Contains("\"text\":\":warning: *InstanceRefreshFailed*", body, StringComparison.Ordinal);
        Assert.Contains("ami-0123", body, StringComparison.Ordinal);
        foreach (var secret in new[] { "SECRET", "xoxsecret", "127.0.0.1", "123456789012", "AKIA", "console.aws" })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.All(world.Logs.Lines, l => Assert.DoesNotContain(secret, l, StringComparison.Ordinal));
        }

        Assert.NotEmpty(world.Logs.Lines);
    }

    [Fact]
    public async Task A_connection_error_is_logged_without_the_URL()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort()}{SecretPath}");
        await using var world = await WebhookWorld.StartAsync(o => o.MaxAttempts = 1, closed);

        world.Notifier.Offer(WebhookWorld.Refreshed());
        await world.Counts.WaitForAsync(WebhookMetrics.Failed, 1);

        var line = Assert.Single(world.Logs.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal));
        Assert.Contains("connection error (ConnectionError)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", line, StringComparison.Ordinal);
        Assert.DoesNotContain($":{closed.Port}", line, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
