using System.CommandLine;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Hosting;
using WindowsNodeOperator.Sandbox;
using WindowsNodeOperator.Sandbox.Cloud.Wire;
using WindowsNodeOperator.Sandbox.Controllers;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Tests.Cli;

/// <summary>
/// A seeded sandbox (config/sandbox-fleet-hardening.json) with its simulated account on the wire, and the operator's command
/// line pointed at both (throwaway AWS keys, the endpoint in the Aws settings); records what the API server was asked.
/// The fleet is seeded, and the commands judge ages, on one clock standing at <see cref="Now"/>.
/// </summary>
internal sealed class AuditSandbox : IAsyncDisposable
{
    /// <summary>A Monday, noon UTC: where the sandbox's clock and the commands' clock stand.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly string _dir;

    private AuditSandbox(string dir, FakeTimeProvider time, SandboxCluster cluster, SimulatedAwsServer aws, RequestRecorder requests)
    {
        _dir = dir;
        Time = time;
        Cluster = cluster;
        Aws = aws;
        Requests = requests;
    }

    public SandboxCluster Cluster { get; }

    public SimulatedAwsServer Aws { get; }

    public RequestRecorder Requests { get; }

    public FakeTimeProvider Time { get; }

    public string Kubeconfig => Path.Combine(_dir, "kubeconfig");

    public string Directory => _dir;

    public static async Task<AuditSandbox> StartAsync()
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("audit-sandbox-").FullName;
        var fleet = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-hardening.json"));
        var requests = new RequestRecorder();
        var time = new FakeTimeProvider(Now) { AutoAdvanceAmount = TimeSpan.Zero };
        var cluster = await SandboxCluster.StartAsync(
            new SandboxApiServerOptions { TimeProvider = time, CrdDocuments = [Sandbox.Hosting.CrdManifest.Read()] },
            fleet,
            SandboxControllerOptions.From(fleet.Timings) with { Enabled = false },
            requests.Factory());
        cluster.Server.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
        var aws = await SimulatedAwsServer.StartAsync(cluster.Cloud);
        return new AuditSandbox(dir, time, cluster, aws, requests);
    }

    /// <summary>Runs the operator's root command in-process; returns the exit code and what it wrote.</summary>
    public async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var cloud = new OperatorComposition((services, configuration) =>
        {
            RealAws.Add(services, configuration);
            services.PostConfigure<AwsClientOptions>(o =>
            {
                o.Credentials = new BasicAWSCredentials("AKIASANDBOXEXAMPLE00", "sandbox-secret");
                o.EndpointUrl = Aws.BaseAddress.ToString();
                o.Region ??= "us-west-2";
            });
        });
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await OperatorCli.Create(cloud, Time).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The read-only proof: the simulated account counted only Describe and Get operations, the API server saw only GETs.</summary>
    public void AssertOnlyReads()
    {
        string[] reads = ["ec2:Describe", "ssm:Get", "ssm:Describe", "autoscaling:Describe"];
        var calls = Cluster.Cloud.Calls.Snapshot();
        Assert.NotEmpty(calls);
        Assert.All(calls.Keys, op => Assert.True(reads.Any(r => op.StartsWith(r, StringComparison.Ordinal)), $"{op} is not a read"));
        Assert.NotEmpty(Requests.Requests);
        Assert.All(Requests.Requests, r => Assert.True(r.Method == "GET", $"{r.Method} {r.Path}"));
    }

    public async ValueTask DisposeAsync()
    {
        await Aws.DisposeAsync();
        await Cluster.DisposeAsync();
        System.IO.Directory.Delete(_dir, recursive: true);
    }
}
