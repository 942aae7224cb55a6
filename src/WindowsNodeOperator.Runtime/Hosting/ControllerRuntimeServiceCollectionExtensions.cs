using k8s;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using WindowsNodeOperator.Runtime.Controllers;
using WindowsNodeOperator.Runtime.Diagnostics;
using WindowsNodeOperator.Runtime.Election;
using WindowsNodeOperator.Runtime.Events;
using WindowsNodeOperator.Runtime.Reconciliation;
using WindowsNodeOperator.Runtime.Status;
using WindowsNodeOperator.Runtime.Watching;

namespace WindowsNodeOperator.Runtime.Hosting;

/// <summary>Registers the controller runtime, controllers and optional leader election.</summary>
public static class ControllerRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the shared pieces: <see cref="IKubernetes"/> (in-cluster or kubeconfig, unless already
    /// registered), <see cref="TimeProvider"/>, metrics, <see cref="ControllerActivity"/>, <see cref="IStatusWriter"/>, <see cref="IEventRecorder"/>
    /// and single-instance <see cref="ILeadership"/> (replaced by <see cref="AddLeaderElection"/>).
    /// </summary>
    public static IServiceCollection AddControllerRuntime(this IServiceCollection services, Action<ControllerRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ControllerRuntimeOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(o => !string.IsNullOrWhiteSpace(o.ReportingController), "ReportingController is required.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ReportingInstance), "ReportingInstance is required.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<RuntimeMetrics>();
        services.TryAddSingleton<ControllerActivity>();
        services.TryAddSingleton<ILeadership, AlwaysLeader>();
        services.TryAddSingleton<IKubernetes>(_ => new Kubernetes(KubernetesClientConfiguration.BuildDefaultConfig()));
        services.TryAddSingleton<IStatusWriter, StatusWriter>();
        services.TryAddSingleton<IEventRecorder, EventRecorder>();
        return services;
    }

    /// <summary>
    /// Adds a controller for <typeparamref name="T"/> (the kind <paramref name="type"/> names) whose keys
    /// <typeparamref name="TReconciler"/> reconciles (resolved per reconcile, in its own scope). Also
    /// registers <see cref="IResourceCache{T}"/>.
    /// </summary>
    public static IControllerBuilder<T> AddController<T, TReconciler>(this IServiceCollection services, ResourceType type, Action<ControllerOptions>? configure = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TReconciler : class, IReconciler<T>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(type);
        if (services.Any(d => d.ServiceType == typeof(ControllerRegistration<T>)))
        {
            throw new InvalidOperationException($"A controller for {typeof(T).Name} is already registered.");
        }

        var options = new ControllerOptions();
        configure?.Invoke(options);
        options.Validate();
        var registration = new ControllerRegistration<T>(type, options);

        services.AddControllerRuntime();
        services.AddSingleton(registration);
        services.AddResourceCache<T>();
        services.AddScoped<IReconciler<T>, TReconciler>();
        services.AddHostedService<Controller<T>>();
        return new ControllerBuilder<T>(services, registration);
    }

    /// <summary>
    /// Runs controllers only while this instance holds a coordination.k8s.io/v1 Lease; they stop when
    /// leadership is lost and start again when it is won back.
    /// </summary>
    public static IServiceCollection AddLeaderElection(this IServiceCollection services, Action<LeaderElectionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var election = new LeaderElectionOptions();
        configure(election);
        ArgumentException.ThrowIfNullOrWhiteSpace(election.LeaseName, nameof(LeaderElectionOptions.LeaseName));
        ArgumentException.ThrowIfNullOrWhiteSpace(election.LeaseNamespace, nameof(LeaderElectionOptions.LeaseNamespace));
        if (election.RenewDeadline >= election.LeaseDuration || election.RetryPeriod >= election.RenewDeadline)
        {
            throw new ArgumentException("Leader election needs RetryPeriod < RenewDeadline < LeaseDuration.", nameof(configure));
        }

        election.Identity ??= LeaderElectionOptions.DefaultIdentity();
        services.AddControllerRuntime();
        services.RemoveAll<ILeadership>();
        services.TryAddSingleton<LeadershipState>();
        services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<LeadershipState>());
        services.TryAddSingleton<ILeaderElector>(sp => new LeaseElector(
            new LeaseLock(sp.GetRequiredService<IKubernetes>(), election.LeaseNamespace, election.LeaseName, election.Identity),
            election));
        services.AddHostedService<LeaderElectionService>();
        return services;
    }

    internal static IServiceCollection AddResourceCache<T>(this IServiceCollection services)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        services.TryAddSingleton<ResourceCache<T>>();
        services.TryAddSingleton<IResourceCache<T>>(sp => sp.GetRequiredService<ResourceCache<T>>());
        return services;
    }
}
