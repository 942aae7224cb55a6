using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Hosting;
using WindowsNodeOperator.Sandbox.Hosting;
using WindowsNodeOperator.Sandbox.Hosting.Clock;
using WindowsNodeOperator.Hosting.Configuration;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Aws.AutoScaling;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Sandbox;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Tests.Hosting;

/// <summary>`sandbox` with the operator: the real operator wired as `run` wires it, against the seeded fleet and the simulated account.</summary>
[Collection(OperatorHosts.Name)]
public sealed class SandboxWithOperatorTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("sandbox-operator-").FullName;
    private readonly OutputLines _output = new();
    private readonly StringWriter _error = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private string Kubeconfig => Path.Combine(_dir, "sandbox.kubeconfig");

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        _output.Dispose();
        _error.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task It_applies_the_sample_which_the_operator_reports_on_and_serves_metrics_until_cancelled()
    {
        using var stop = new CancellationTokenSource();
        var run = InvokeAsync(["--kubeconfig", Kubeconfig, "--speed", "10"], stop.Token);
        await ServingAsync(run);

        await _output.LineStartingWith("  sample policy windows-default applied").WaitAsync(Deadline);
        Assert.StartsWith("  new Windows AMI ami-", await _output.LineStartingWith("  new Windows AMI ").WaitAsync(Deadline), StringComparison.Ordinal);
        var kubectl = new Kubectl(Kubeconfig, Path.Combine(_dir, "cache"));
        var observed = await kubectl.RunAsync("wait", "--for=jsonpath={.status.observedGeneration}=1", "wnp/windows-default", "--timeout=30s");
        Assert.True(observed.ExitCode == 0, observed + "\n" + _error);
        var drifted = await kubectl.RunAsync("get", "wnp", "windows-default", "-o", "jsonpath={.status.nodes.drifted}");
        Assert.True(int.Parse(drifted.Stdout, System.Globalization.CultureInfo.InvariantCulture) >= 12, drifted.ToString());

        var metricsLine = await _output.LineStartingWith("Operator running; metrics at ").WaitAsync(Deadline);
        var metrics = await _http.GetStringAsync(new Uri(metricsLine["Operator running; metrics at ".Length..]));
        Assert.Contains("windowsnode_nodes{", metrics, StringComparison.Ordinal);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(Deadline));
    }

    [Fact]
    public async Task With_exit_when_done_it_shows_the_replacement_and_exits_after_the_summary()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var aws = Path.Combine(_dir, "aws.env");
        var run = InvokeAsync(
            ["--kubeconfig", Kubeconfig, "--fleet", RepositoryRoot.Combine("config", "sandbox-fleet-fast.json"), "--no-sample", "--speed", "5", "--exit-when-done", "--aws-env", aws],
            stop.Token);
        await ServingAsync(run);
        var policy = """
            apiVersion: windowsnode.io/v1alpha1
            kind: WindowsNodePolicy
            metadata: {name: windows-now}
            spec:
              autoScalingGroups: {tags: {windowsnode.io/managed: "true"}}
              ami: {windowsVersion: "2022"}
              refresh: {instanceWarmup: 10s}
              disruption: {maxUnavailable: 2}
            """;
        var apply = await new Kubectl(Kubeconfig, Path.Combine(_dir, "cache")).RunWithInputAsync(policy, "apply", "-f", "-");
        Assert.True(apply.ExitCode == 0, apply.ToString());

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromMinutes(3)));

        var text = _output.ToString();
        Assert.Contains("eks-windows-a  6/6 replaced", text, StringComparison.Ordinal);
        Assert.Contains("Nodes replaced: 12 of 12", text, StringComparison.Ordinal);
        Assert.Contains("Longest drain: ", text, StringComparison.Ordinal);
        Assert.Contains("Lowest PodDisruptionBudget headroom: ", text, StringComparison.Ordinal);
        Assert.Contains($"export AWS_ENDPOINT_URL=http://127.0.0.1:", await File.ReadAllTextAsync(aws), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_sample_no_policy_is_created()
    {
        using var stop = new CancellationTokenSource();
        var run = InvokeAsync(["--kubeconfig", Kubeconfig, "--no-sample", "--no-new-ami"], stop.Token);
        await ServingAsync(run);

        var policies = await new Kubectl(Kubeconfig, Path.Combine(_dir, "cache")).RunAsync("get", "wnp", "-o", "name");
        Assert.True(policies.ExitCode == 0, policies.ToString());
        Assert.Equal(string.Empty, policies.Stdout.Trim());
        Assert.DoesNotContain("new Windows AMI", _output.ToString(), StringComparison.Ordinal);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(Deadline));
    }

    [Fact]
    public async Task The_operator_is_wired_to_the_sandbox_clock_the_simulated_account_and_the_kubeconfig()
    {
        var time = new AcceleratedTimeProvider(TimeProvider.System, 50);
        await using var cluster = await SandboxCluster.StartAsync(
            new SandboxApiServerOptions { CrdDocuments = [CrdManifest.Read()], TimeProvider = time }, new FleetOptions());
        cluster.Server.WriteKubeconfig(Kubeconfig);
        var aws = new SandboxAwsEndpoint(new Uri("http://127.0.0.1:4566/"), cluster.Options.Region);

        using var host = SandboxOperator.Build(aws, time, Kubeconfig, metricsPort: 0, cluster.Options.ClusterName);

        // The production adapters, pointed at the simulated account by the endpoint setting.
        Assert.Same(time, host.Services.GetRequiredService<TimeProvider>());
        Assert.IsType<AutoScalingAdapter>(host.Services.GetRequiredService<IAutoScaling>());
        Assert.IsType<Ec2InstanceInventory>(host.Services.GetRequiredService<IInstanceInventory>());
        var client = host.Services.GetRequiredService<IOptions<AwsClientOptions>>().Value;
        Assert.Equal(("http://127.0.0.1:4566/", "us-west-2"), (client.EndpointUrl, client.Region));
        Assert.Null(client.Transport);
        Assert.Equal(TimeSpan.FromSeconds(20 * 50), host.Services.GetRequiredService<IOptions<AwsResilienceOptions>>().Value.AttemptTimeout);
        var options = host.Services.GetRequiredService<IOptions<OperatorOptions>>().Value;
        Assert.Equal(Kubeconfig, options.Kubeconfig);
        Assert.True(options.LeaderElect);
        Assert.Equal("kube-system", options.LeaseNamespace);
        Assert.Equal("sandbox", options.ClusterName);
    }

    private async Task ServingAsync(Task<int> run)
    {
        var started = await Task.WhenAny(_output.LineStartingWith("Serving until Ctrl+C."), run).WaitAsync(Deadline);
        Assert.True(started != run, $"sandbox exited: {_output}\n{_error}");
    }

    private Task<int> InvokeAsync(string[] args, CancellationToken ct) =>
        SandboxCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error }, ct);
}
