using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Runtime.Controllers;
using WindowsNodeOperator.Runtime.Watching;

namespace WindowsNodeOperator.Runtime.Hosting;

internal sealed class ControllerBuilder<T>(IServiceCollection services, ControllerRegistration<T> registration) : IControllerBuilder<T>
{
    public IServiceCollection Services { get; } = services;

    public IControllerBuilder<T> Watches<TOther>(
        ResourceType type,
        Func<TOther, IEnumerable<ObjectKey>> map,
        string? labelSelector = null,
        Func<TOther?, TOther, bool>? changed = null,
        Action<TOther>? trim = null)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(map);
        Services.AddResourceCache<TOther>();
        var settings = new WatchSettings(type, labelSelector);
        registration.Secondaries.Add(new SecondaryWatch(type, (sp, enqueue) => WatcherFactory.Create(sp, settings, map, enqueue, changed, trim)));
        return this;
    }

    public IControllerBuilder<T> WakesOn(Func<T?, T, bool> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        registration.Changed = changed;
        return this;
    }
}
