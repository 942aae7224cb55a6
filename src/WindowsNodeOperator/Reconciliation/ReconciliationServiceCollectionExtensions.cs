using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Draining;
using WindowsNodeOperator.Runtime;
using WindowsNodeOperator.Runtime.Hosting;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>Registers the WindowsNodePolicy controller and everything behind it.</summary>
public static class ReconciliationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the controller of WindowsNodePolicy (with watches of Windows nodes and of pods), its reconciler, the drain
    /// coordinator, the cluster client and the metrics. The caller registers <see cref="IKubernetes"/>,
    /// <see cref="TimeProvider"/> and the four cloud ports (IAmiCatalog, IInstanceInventory, ILaunchTemplates, IAutoScaling).
    /// </summary>
    public static IServiceCollection AddPolicyReconciliation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
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
        services.TryAddSingleton<ClusterVersionCache>();
        services.TryAddSingleton<DrainCoordinator>();
        services.TryAddSingleton<LaunchGate>();
        services.TryAddSingleton<PolicyEvents>();
        services.TryAddScoped<FleetGatherer>();
        services.TryAddScoped<DisruptionPreflight>();
        services.TryAddScoped<PlanExecutor>();
        services.TryAddScoped<PolicyCleanup>();
        services.TryAddScoped<IHookDriver, HookDriver>();

        // Pods and DaemonSets map to no policy: their caches answer do-not-disrupt and the launch gate. A node joining,
        // leaving or changing what a plan reads wakes every policy; heartbeats and other status do not (NodeChanges).
        services.AddController<WindowsNodePolicy, PolicyReconciler>(PolicyReconciler.PolicyType)
            .Watches<V1Node>(
                new ResourceType(string.Empty, "v1", "nodes", "Node", Namespaced: false),
                _ => index.All(),
                labelSelector: $"{WindowsNodePolicySpec.OsLabel}={WindowsNodePolicySpec.OsLabelValue}",
                changed: NodeChanges.CanChangePlan)
            .Watches<V1Pod>(new ResourceType(string.Empty, "v1", "pods", "Pod", Namespaced: true), _ => [])
            .Watches<V1DaemonSet>(new ResourceType("apps", "v1", "daemonsets", "DaemonSet", Namespaced: true), _ => []);
        return services;
    }
}
