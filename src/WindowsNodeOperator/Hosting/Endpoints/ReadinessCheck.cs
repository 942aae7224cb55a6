using k8s;
using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Runtime.Election;
using WindowsNodeOperator.Runtime.Watching;

namespace WindowsNodeOperator.Hosting.Endpoints;

/// <summary>
/// Ready when the Kubernetes API answers and, while this replica leads, every watched kind has been listed once.
/// A standby replica is ready without caches: it has nothing to serve until it wins the Lease.
/// </summary>
internal sealed class ReadinessCheck(IKubernetes kubernetes, ILeadership leadership, IServiceProvider services, CacheTypes caches)
{
    private static readonly TimeSpan ApiTimeout = TimeSpan.FromSeconds(5);

    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken ct)
    {
        var problems = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ApiTimeout);
        try
        {
            await kubernetes.Version.GetCodeAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or k8s.Autorest.HttpOperationException)
        {
            problems.Add($"kubernetes api: {e.Message}");
        }

        if (leadership.IsLeader)
        {
            foreach (var type in caches.Types)
            {
                var cache = services.GetRequiredService(type);
                if (cache.GetType().GetProperty(nameof(IResourceCache<object>.IsSynced))?.GetValue(cache) is not true)
                {
                    problems.Add($"cache {type.GenericTypeArguments[0].Name}: not synced yet");
                }
            }
        }

        return problems;
    }
}
