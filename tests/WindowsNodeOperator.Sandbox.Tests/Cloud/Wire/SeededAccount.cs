using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.Wire;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud.Wire;

/// <summary>The default fleet's account on a fake clock, reached through <see cref="SimulatedAwsHandler"/>.</summary>
internal sealed class SeededAccount : IDisposable
{
    public SeededAccount()
    {
        Cloud = new SimulatedCloud(Time);
        Cloud.Seed(Fleet, FleetPlan.Build(Fleet, Time.GetUtcNow()));
        Client = new HttpMessageInvoker(new SimulatedAwsHandler(Cloud));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));

    public FleetOptions Fleet { get; } = new();

    public SimulatedCloud Cloud { get; }

    public HttpMessageInvoker Client { get; }

    public void Dispose() => Client.Dispose();
}
