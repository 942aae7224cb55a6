namespace WindowsNodeOperator.Reconciliation;

/// <summary>The cluster's Kubernetes minor version for <c>kubernetesVersion: auto</c>, read from /version once an hour.</summary>
internal sealed class ClusterVersionCache(IPolicyClient client, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Version, DateTimeOffset ReadAt)? _last;

    public async Task<string> GetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            // A reading stamped after now was taken before the wall clock stepped back: read again.
            if (_last is { } last && last.ReadAt <= now && now - last.ReadAt < Ttl)
            {
                return last.Version;
            }

            var version = await client.GetKubernetesVersionAsync(ct).ConfigureAwait(false);
            _last = (version, now);
            return version;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
