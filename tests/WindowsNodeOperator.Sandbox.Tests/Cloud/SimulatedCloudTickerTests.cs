using WindowsNodeOperator.Sandbox.Cloud;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

public sealed class SimulatedCloudTickerTests
{
    [Fact]
    public void The_ticker_registers_nodes_without_any_call_and_stops_when_disposed()
    {
        var h = new CloudHarness();
        h.CreateGroup(2, hooks: false);
        h.Cloud.AutoScaling.SetDesiredCapacity(CloudHarness.Group, 3);
        var ticker = new SimulatedCloudTicker(h.Cloud, h.Time, TimeSpan.FromSeconds(15));

        h.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(3, h.Nodes.Booted.Count);

        ticker.Dispose();
        h.Cloud.AutoScaling.SetDesiredCapacity(CloudHarness.Group, 4);
        h.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(3, h.Nodes.Booted.Count);
    }
}
