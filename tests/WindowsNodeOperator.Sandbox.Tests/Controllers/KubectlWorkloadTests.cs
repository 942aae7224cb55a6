using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

/// <summary>kubectl get deploy,ds reads what the pods are, as the controllers keep the counts.</summary>
public sealed class KubectlWorkloadTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sandbox-controllers-").FullName;
    private readonly FakeTimeProvider _time = new(Start);
    private SandboxCluster _cluster = null!;
    private Kubectl _kubectl = null!;

    public async Task InitializeAsync()
    {
        _cluster = await SandboxCluster.StartAsync(new SandboxApiServerOptions { TimeProvider = _time }, FleetOptions.WithWindowsAgents());
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        _cluster.Server.WriteKubeconfig(kubeconfig);
        _kubectl = new Kubectl(kubeconfig, Path.Combine(_dir, "cache"));
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_scaled_deployment_reads_ready_as_its_new_pods_start()
    {
        var patch = await _kubectl.RunAsync("patch", "deployment", "orders-api", "-n", "windows-apps", "-p", """{"spec":{"replicas":5}}""");
        Assert.True(patch.ExitCode == 0, patch.ToString());
        await WaitForAsync("apps/v1", "deployments", "windows-apps", "orders-api", d => Count(d, "replicas") == 5 && Count(d, "unavailableReplicas") == 2);

        Assert.Matches(@"orders-api\s+3/5\s+5\s+3\s", await GetAsync("deploy", "orders-api", "-n", "windows-apps"));

        _time.Advance(TimeSpan.FromMinutes(3));
        await WaitForAsync("apps/v1", "deployments", "windows-apps", "orders-api", d => Count(d, "readyReplicas") == 5);
        Assert.Matches(@"orders-api\s+5/5\s+5\s+5\s", await GetAsync("deploy", "orders-api", "-n", "windows-apps"));
    }

    [Fact]
    public async Task A_daemonset_reads_one_more_desired_and_ready_once_a_booted_windows_node_runs_its_pod()
    {
        var instance = new SimulatedInstance("i-0fedcba9876543210", "eks-windows-b", NodeOs.Windows, "m5.xlarge", "us-west-2b", "10.0.40.40",
            FleetPlan.MonthlyWindowsAmis[^1], Start - NodeManifest.BootTime);
        _cluster.Controllers!.InstanceBooted(instance);

        // Once the cloud controller manager has initialized the node (its taint gone), it runs the DaemonSet's pod.
        _time.Advance(TimeSpan.FromSeconds(15));
        await WaitForAsync("apps/v1", "daemonsets", "monitoring", "windows-exporter", d => Count(d, "desiredNumberScheduled") == 15 && Count(d, "currentNumberScheduled") == 15);
        Assert.Matches(@"windows-exporter\s+15\s+15\s+14\s+15\s+14\s", await GetAsync("ds", "windows-exporter", "-n", "monitoring"));

        _time.Advance(TimeSpan.FromMinutes(3));
        await WaitForAsync("apps/v1", "daemonsets", "monitoring", "windows-exporter", d => Count(d, "numberReady") == 15);
        Assert.Matches(@"windows-exporter\s+15\s+15\s+15\s+15\s+15\s", await GetAsync("ds", "windows-exporter", "-n", "monitoring"));
    }

    private async Task<string> GetAsync(params string[] args)
    {
        var get = await _kubectl.RunAsync(["get", .. args]);
        Assert.True(get.ExitCode == 0, get.ToString());
        return get.Stdout;
    }

    private async Task WaitForAsync(string apiVersion, string plural, string ns, string name, Func<JsonObject, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var change in _cluster.Server.Store.WatchAsync(apiVersion, plural, ns, ct: timeout.Token))
        {
            if (Name(change.Resource) == name && predicate(change.Resource))
            {
                return;
            }
        }
    }
}
