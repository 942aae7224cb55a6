using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Runtime;
using WindowsNodeOperator.Runtime.Events;
using WindowsNodeOperator.Runtime.Hosting;
using WindowsNodeOperator.Runtime.Reconciliation;
using WindowsNodeOperator.Runtime.Status;
using WindowsNodeOperator.Runtime.Watching;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Tests.Runtime;

/// <summary>
/// The controller runtime against the sandbox API server over real HTTP: leader election through a Lease,
/// list and watch of policies, status writes and events, observed with the real kubectl.
/// </summary>
public sealed class RuntimeOnSandboxTests : IAsyncLifetime
{
    private static readonly ResourceType Policies = new(
        WindowsNodePolicy.KubeGroup, WindowsNodePolicy.KubeVersion, WindowsNodePolicy.KubePlural, WindowsNodePolicy.KubeKind, Namespaced: false);

    private readonly string _dir = Directory.CreateTempSubdirectory("runtime-sandbox-").FullName;
    private SandboxApiServer _server = null!;
    private IHost _host = null!;
    private Kubectl _kubectl = null!;

    private string Kubeconfig => Path.Combine(_dir, "kubeconfig");

    public async Task InitializeAsync()
    {
        var crd = await File.ReadAllTextAsync(RepositoryRoot.Combine("manifests", "crd", "windowsnodepolicies.yaml"));
        _server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { CrdDocuments = [crd] });
        _server.WriteKubeconfig(Kubeconfig);
        _kubectl = new Kubectl(Kubeconfig, Path.Combine(_dir, "cache"));

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IKubernetes>(new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig)));
        builder.Services.AddControllerRuntime(o => o.ReportingController = "windowsnode.io/test");
        builder.Services.AddController<WindowsNodePolicy, MarkReady>(Policies);
        builder.Services.AddLeaderElection(o =>
        {
            o.LeaseNamespace = "kube-system";
            o.LeaseName = "runtime-test";
            o.Identity = "replica-a";
        });
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_policy_applied_with_kubectl_is_reconciled_to_Ready_with_an_event_while_this_replica_holds_the_lease()
    {
        var apply = await _kubectl.RunAsync("apply", "-f", RepositoryRoot.Combine("manifests", "samples", "windowsnodepolicy.yaml"));
        Assert.True(apply.ExitCode == 0, apply.ToString());

        var wait = await _kubectl.RunAsync("wait", "--for=condition=Ready", "wnp/windows-default", "--timeout=25s");
        Assert.True(wait.ExitCode == 0, wait.ToString());

        var policy = _server.Store.Find(WindowsNodePolicy.KubeApiVersion, WindowsNodePolicy.KubePlural, null, "windows-default")!;
        Assert.Equal(1, policy["status"]!["observedGeneration"]!.GetValue<long>());

        var lease = _server.Store.Find("coordination.k8s.io/v1", "leases", "kube-system", "runtime-test")!;
        Assert.Equal("replica-a", lease["spec"]!["holderIdentity"]!.GetValue<string>());

        var describe = await _kubectl.RunAsync("describe", "wnp", "windows-default");
        Assert.True(describe.ExitCode == 0, describe.ToString());
        Assert.Contains("Reconciled", describe.Stdout, StringComparison.Ordinal);
        Assert.Contains("generation 1 seen", describe.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_change_is_seen_through_the_watch_and_observedGeneration_follows()
    {
        var apply = await _kubectl.RunAsync("apply", "-f", RepositoryRoot.Combine("manifests", "samples", "windowsnodepolicy-dry-run.yaml"));
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.True((await _kubectl.RunAsync("wait", "--for=condition=Ready", "wnp/windows-dry-run", "--timeout=25s")).ExitCode == 0);

        var patch = await _kubectl.RunAsync("patch", "wnp", "windows-dry-run", "--type=merge", "-p", """{"spec":{"maxNodeAge":"30d"}}""");
        Assert.True(patch.ExitCode == 0, patch.ToString());

        var wait = await _kubectl.RunAsync("wait", "--for=jsonpath={.status.observedGeneration}=2", "wnp/windows-dry-run", "--timeout=25s");
        Assert.True(wait.ExitCode == 0, wait.ToString());
    }

    /// <summary>Marks every policy Ready for the generation it saw, and says so in an event.</summary>
    private sealed class MarkReady(IResourceCache<WindowsNodePolicy> cache, IStatusWriter status, IEventRecorder events, TimeProvider time)
        : IReconciler<WindowsNodePolicy>
    {
        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
        {
            if (!cache.TryGet(key, out var policy))
            {
                return ReconcileResult.Done;
            }

            var generation = policy.Metadata.Generation;
            // A transition time that only moves with the generation: a status that changes on every pass would reconcile forever.
            var since = policy.Metadata.CreationTimestamp ?? time.GetUtcNow().UtcDateTime;
            var ready = new V1Condition
            {
                Type = "Ready",
                Status = "True",
                Reason = "Reconciled",
                Message = $"generation {generation} seen",
                ObservedGeneration = generation,
                LastTransitionTime = since,
            };
            await status.WriteAsync(Policies, key, new { conditions = new[] { ready } }, generation, ct);
            await events.RecordAsync(policy, EventTypes.Normal, "Reconciled", "Reconcile", $"generation {generation} seen", ct);
            return ReconcileResult.Done;
        }
    }
}
