using System.CommandLine;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Hosting;
using WindowsNodeOperator.Sandbox.Hosting;
using Amazon.Runtime;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Sandbox.Cloud.Wire;
using WindowsNodeOperator.Sandbox.Cloud;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Tests.Hosting;

/// <summary>`run` against the sandbox API server over real HTTP, with leader election on and the cloud ports replaced.</summary>
[Collection(OperatorHosts.Name)]
public sealed class RunOnSandboxTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _dir = Directory.CreateTempSubdirectory("run-sandbox-").FullName;
    private readonly OutputLines _output = new();
    private readonly StringWriter _error = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private SandboxApiServer _server = null!;
    private Kubectl _kubectl = null!;
    private Task<int> _run = null!;
    private SimulatedAwsServer _aws = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { CrdDocuments = [CrdManifest.Read()] });
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        _server.WriteKubeconfig(kubeconfig);
        _kubectl = new Kubectl(kubeconfig, Path.Combine(_dir, "cache"));
        _aws = await SimulatedAwsServer.StartAsync(new SimulatedCloud(TimeProvider.System));
        var config = Path.Combine(_dir, "operator.json");
        await File.WriteAllTextAsync(config, """
            { "Operator": { "ClusterName": "sandbox", "LeaseNamespace": "kube-system", "MetricsBindAddress": "127.0.0.1:0", "HealthProbeBindAddress": "127.0.0.1:0" },
              "Aws": { "Region": "us-west-2", "EndpointUrl": "{aws}" },
              "Logging": { "LogLevel": { "Default": "Warning" } } }
            """.Replace("{aws}", _aws.BaseAddress.ToString(), StringComparison.Ordinal));

        // An empty simulated account on the wire: the sample policy finds no groups, which is enough to be reconciled and
        // reported. The real AWS composition, pointed at it by the Aws section; throwaway keys instead of the default chain.
        var cloud = new OperatorComposition((services, configuration) =>
        {
            RealAws.Add(services, configuration);
            services.PostConfigure<AwsClientOptions>(o => o.Credentials = new BasicAWSCredentials("AKIASANDBOXEXAMPLE00", "sandbox-secret"));
        });
        _run = OperatorCli.Create(cloud)
            .Parse(["run", "--config", config, "--kubeconfig", kubeconfig, "--leader-elect"])
            .InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error }, _stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(Deadline).ContinueWith(_ => { }, TaskScheduler.Default);
        await _server.DisposeAsync();
        await _aws.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    public void Dispose()
    {
        _http.Dispose();
        _stop.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task It_serves_probes_and_metrics_holds_the_lease_and_stops_on_cancellation()
    {
        var health = await AddressAsync("Health probes at ");
        var metrics = await AddressAsync("Metrics at ");

        using (var live = await _http.GetAsync(new Uri(health, "/healthz")))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await Until(async () => (await _http.GetAsync(new Uri(health, "/readyz"))).StatusCode == HttpStatusCode.OK, "/readyz to answer 200");
        await Until(async () =>
        {
            var lease = await _kubectl.RunAsync("get", "lease", "-n", "kube-system", "windows-node-operator", "-o", "jsonpath={.spec.holderIdentity}");
            return lease.ExitCode == 0 && lease.Stdout.Length > 0;
        }, "the Lease to be held");

        var apply = await _kubectl.RunAsync("apply", "-f", RepositoryRoot.Combine("manifests", "samples", "windowsnodepolicy.yaml"));
        Assert.True(apply.ExitCode == 0, apply.ToString());
        string text = "";
        await Until(async () =>
        {
            text = await _http.GetStringAsync(new Uri(metrics, "/metrics"));
            return text.Contains("windowsnode_controller_reconciles_total{", StringComparison.Ordinal)
                && text.Contains("windowsnode_last_reconcile_timestamp_seconds{", StringComparison.Ordinal);
        }, "/metrics to show a reconcile", () => text);
        Assert.Contains("# TYPE ", text, StringComparison.Ordinal);
        Assert.Contains("kind=\"WindowsNodePolicy\"", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE windowsnode_controller_reconciles_total counter", text, StringComparison.Ordinal);
        var observed = await _kubectl.RunAsync("wait", "--for=jsonpath={.status.observedGeneration}=1", "wnp/windows-default", "--timeout=25s");
        Assert.True(observed.ExitCode == 0, observed.ToString());

        await _stop.CancelAsync();
        Assert.Equal(0, await _run.WaitAsync(Deadline));
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.GetAsync(new Uri(health, "/healthz")));
    }

    private async Task<Uri> AddressAsync(string prefix)
    {
        var line = await Task.WhenAny(_output.LineStartingWith(prefix), _run.ContinueWith(t => $"exited {t.Result}: {_error}", TaskScheduler.Default))
            .Unwrap().WaitAsync(Deadline);
        Assert.StartsWith(prefix, line, StringComparison.Ordinal);
        return new Uri(line[prefix.Length..].Split(' ')[0]);
    }

    private static async Task Until(Func<Task<bool>> condition, string what, Func<string>? lastSeen = null)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting for {what}. {lastSeen?.Invoke()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
