using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Sandbox.Hosting.SimulatedAws;
using WindowsNodeOperator.Sandbox.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.Seeding;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Tests.Aws.Resilience;

namespace WindowsNodeOperator.Tests.Hosting.Sandbox;

/// <summary>A simulated account seeded with the default fleet, and the operator's four ports wired to it by <c>AddSimulatedAws</c>.</summary>
internal sealed class SimulatedAccount : IDisposable
{
    public const string GroupA = "eks-windows-a";
    public const string GroupB = "eks-windows-b";

    private readonly ServiceProvider _services;

    public SimulatedAccount()
    {
        Time = new TimerRecordingTimeProvider(Fake);
        Cloud = new SimulatedCloud(Time);
        Instances = FleetPlan.Build(Fleet, Time.GetUtcNow());
        Cloud.Seed(Fleet, Instances);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        // Fixed jitter, no per-attempt timer and no rate waits: the only timers are the retry delays a test drives.
        services.Configure<AwsResilienceOptions>(o =>
        {
            o.Randomizer = () => 0.5;
            o.AttemptTimeout = Timeout.InfiniteTimeSpan;
            o.DefaultCallsPerSecond = 10_000;
            o.CallsPerSecond.Clear();
        });
        services.AddSimulatedAws(Cloud);
        _services = services.BuildServiceProvider();
        Cloud.Calls.Reset();
    }

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    public TimerRecordingTimeProvider Time { get; }

    public FleetOptions Fleet { get; } = new();

    public IReadOnlyList<SimulatedInstance> Instances { get; }

    public SimulatedCloud Cloud { get; }

    public string WindowsParameter => FleetParameters.WindowsAmi(Fleet.KubernetesVersion);

    public IAmiCatalog Catalog => _services.GetRequiredService<IAmiCatalog>();

    public IInstanceInventory Inventory => _services.GetRequiredService<IInstanceInventory>();

    public ILaunchTemplates Templates => _services.GetRequiredService<ILaunchTemplates>();

    public IAutoScaling AutoScaling => _services.GetRequiredService<IAutoScaling>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public void Advance(TimeSpan by)
    {
        Fake.Advance(by);
        Cloud.Step();
    }

    public void Dispose() => _services.Dispose();
}
