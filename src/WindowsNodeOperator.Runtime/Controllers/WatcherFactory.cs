using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Runtime.Diagnostics;
using WindowsNodeOperator.Runtime.Watching;

namespace WindowsNodeOperator.Runtime.Controllers;

internal static class WatcherFactory
{
    public static IResourceWatcher Create<T>(
        IServiceProvider services,
        WatchSettings settings,
        Func<T, IEnumerable<ObjectKey>> keysOf,
        Action<ObjectKey> enqueue,
        Func<T?, T, bool>? changed = null,
        Action<T>? trim = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new ResourceWatcher<T>(
            services.GetRequiredService<IKubernetes>(),
            settings,
            services.GetRequiredService<ResourceCache<T>>(),
            keysOf,
            enqueue,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<RuntimeMetrics>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger($"{typeof(ResourceWatcher<>).Namespace}.ResourceWatcher.{settings.Type.Kind}"),
            changed,
            trim);
}
