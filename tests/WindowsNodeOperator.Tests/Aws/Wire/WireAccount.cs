using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Aws.AutoScaling;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Aws.Ssm;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Sandbox.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.Wire;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Tests.Aws.Resilience;

namespace WindowsNodeOperator.Tests.Aws.Wire;

/// <summary>
/// The default fleet's simulated account on the wire, and the operator's production adapters pointed at it: the SDK
/// clients from <see cref="AwsClientFactory"/>, the Auto Scaling client from <see cref="AutoScalingClientFactory"/>,
/// the real <see cref="AwsCallPipeline"/>. Reached through Kestrel or in memory through <see cref="SimulatedAwsHandler"/>.
/// </summary>
internal sealed class WireAccount : IAsyncDisposable
{
    private readonly SimulatedAwsServer? _server;
    private readonly HttpMessageHandler? _handler;
    private readonly IAmazonEC2 _ec2;
    private readonly IAmazonSimpleSystemsManagement _ssm;

    private WireAccount(TimerRecordingTimeProvider time, SimulatedCloud cloud, SimulatedAwsServer? server)
    {
        Time = time;
        Cloud = cloud;
        _server = server;
        _handler = server is null ? new SimulatedAwsHandler(cloud) : null;
        var options = new AwsClientOptions
        {
            Region = "us-west-2",
            EndpointUrl = server?.BaseAddress.ToString() ?? "http://simulated-aws.test/",
            Credentials = new BasicAWSCredentials("AKID", "secret"),
            Transport = _handler,
        };
        var factory = new AwsClientFactory(Options.Create(options));
        _ec2 = factory.CreateEc2();
        _ssm = factory.CreateSsm();
        // Fixed jitter, no per-attempt timer and no rate waits: the only timers are the retry delays a test drives.
        var resilience = new AwsResilienceOptions { Randomizer = () => 0.5, AttemptTimeout = Timeout.InfiniteTimeSpan, DefaultCallsPerSecond = 10_000 };
        resilience.CallsPerSecond.Clear();
        Pipeline = new AwsCallPipeline(Options.Create(resilience), Time, new AwsCallMetrics());
        Catalog = new SsmAmiCatalog(new SsmParameterReader(_ssm, Pipeline), new Ec2ImageReader(_ec2, Pipeline), Options.Create(new AmiCatalogOptions()), Time);
        Inventory = new Ec2InstanceInventory(_ec2, Pipeline);
        Templates = new Ec2LaunchTemplates(_ec2, Pipeline);
        AutoScaling = new AutoScalingAdapter(AutoScalingClientFactory.Create(options, Time, _ => null, options.Transport), Pipeline);
    }

    /// <summary>One fake clock for the account and the pipeline; <c>Time.DriveAsync</c> fires the retry delays.</summary>
    public TimerRecordingTimeProvider Time { get; }

    public static FleetOptions Fleet { get; } = new();

    public SimulatedCloud Cloud { get; }

    public IAwsCallPipeline Pipeline { get; }

    public IAmiCatalog Catalog { get; }

    public IInstanceInventory Inventory { get; }

    public ILaunchTemplates Templates { get; }

    public IAutoScaling AutoScaling { get; }

    public static async Task<WireAccount> StartAsync(bool overKestrel)
    {
        var time = new TimerRecordingTimeProvider(new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero)));
        var cloud = new SimulatedCloud(time);
        cloud.Seed(Fleet, FleetPlan.Build(Fleet, time.GetUtcNow()));
        var server = overKestrel ? await SimulatedAwsServer.StartAsync(cloud) : null;
        return new WireAccount(time, cloud, server);
    }

    public async ValueTask DisposeAsync()
    {
        _ec2.Dispose();
        _ssm.Dispose();
        _handler?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
