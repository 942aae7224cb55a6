using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Draining;
using WindowsNodeOperator.Reconciliation.Termination;
using WindowsNodeOperator.Reconciliation.Launch;
using WindowsNodeOperator.Runtime;
using WindowsNodeOperator.Runtime.Hosting;
using WindowsNodeOperator.Reconciliation.Status;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>Registers the WindowsNodePolicy controller and everything behind it.</summary>
public static class ReconciliationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the controller of WindowsNodePolicy (with watches of Windows nodes and DaemonSets), its reconciler, the termination
    /// step, the cluster client and the metrics. The caller registers <see cref="IKubernetes"/>,
    /// <see cref="TimeProvider"/> and the four cloud ports (IAmiCatalog, IInstanceInventory, ILaunchTemplates, IAutoScaling).
    /// </summary>
    /// <param name="clusterName">
    /// The EKS cluster the operator runs in: it acts only on groups tagged <c>kubernetes.io/cluster/&lt;name&gt;=owned</c>
    /// (and <c>windowsnode.io/managed=true</c>), as the shipped IAM policy allows.
    /// </param>
    public static IServiceCollection AddPolicyReconciliation(this IServiceCollection services, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterName);
        services.AddSingleton(new Planning.GroupOwnership(clusterName));
        services.AddMetrics();
        var index = new PolicyKeyIndex();
        services.AddSingleton(index);
        services.TryAddSingleton<KubernetesClusterClient>();
        services.TryAddSingleton<INodeClient>(sp => sp.GetRequiredService<KubernetesClusterClient>());
        services.TryAddSingleton<IPodClient>(sp => sp.GetRequiredService<KubernetesClusterClient>());
        services.TryAddSingleton<IPolicyClient, KubernetesPolicyClient>();
        services.TryAddSingleton<Drainer>();
        services.TryAddSingleton<ReconciliationMetrics>();
        services.TryAddSingleton<LaunchTemplateImageCache>();
        services.TryAddSingleton<KnownInstances>();
        services.TryAddSingleton<InstanceExistence>();
        services.TryAddSingleton<UnmatchedNodes>();
        services.TryAddSingleton<ClusterVersionCache>();
        services.TryAddSingleton<LifecycleActions>();
        services.TryAddScoped<TerminationController>();
        services.TryAddSingleton<LaunchGate>();
        services.TryAddSingleton<PolicyEvents>();
        services.TryAddSingleton<SkippedItemReports>();
        services.TryAddScoped<FleetGatherer>();
        services.TryAddScoped<DisruptionPreflight>();
        services.TryAddScoped<DoNotDisruptCheck>();
        services.TryAddScoped<NewNodePods>();
        services.TryAddSingleton<PodWaitClock>();
        services.TryAddScoped<RollbackImageCheck>();
        services.TryAddScoped<PlanExecutor>();
        services.TryAddScoped<PolicyCleanup>();
        services.TryAddScoped<IHookDriver, HookDriver>();

        // DaemonSets map to no policy: their cache answers the launch gate. Pods are not cached: a node's pods are listed
        // when it is drained, pre-checked or gated (spec.nodeName field selector). A node joining,
        // leaving or changing what a plan reads wakes every policy; heartbeats and other status do not (NodeChanges).
        services.AddController<WindowsNodePolicy, PolicyReconciler>(PolicyReconciler.PolicyType)
            .WakesOn(PolicyChanges.CanChangeLook)
            .Watches<V1Node>(
                new ResourceType(string.Empty, "v1", "nodes", "Node", Namespaced: false),
                _ => index.All(),
                labelSelector: $"{WindowsNodePolicySpec.OsLabel}={WindowsNodePolicySpec.OsLabelValue}",
                changed: NodeChanges.CanChangePlan,
                trim: NodeChanges.TrimForCache)
            .Watches<V1DaemonSet>(new ResourceType("apps", "v1", "daemonsets", "DaemonSet", Namespaced: true), _ => []);
        return services;
    }
}
