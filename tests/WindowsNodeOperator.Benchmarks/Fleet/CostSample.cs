using WindowsNodeOperator.Sandbox;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>The operator's costs so far: AWS calls by service (the account's count), requests to the API server (its count), reconciles and CPU.</summary>
internal sealed record CostSample(long Reconciles, IReadOnlyDictionary<string, long> AwsCalls, long KubeRequests, long LeaseRequests, long Watches, TimeSpan Cpu, IReadOnlyDictionary<string, long> ByKind)
{
    public static readonly string[] Services = ["autoscaling", "ec2", "ssm"];

    public long AwsTotal => AwsCalls.Values.Sum();

    /// <summary>AWS operations and API requests (verb and resource) made since <paramref name="earlier"/>, per reconcile, most first.</summary>
    public string PerReconcileSince(CostSample earlier, long reconciles)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return string.Join(", ", ByKind
            .Select(k => (k.Key, Count: k.Value - earlier.ByKind.GetValueOrDefault(k.Key)))
            .Where(k => k.Count > 0)
            .OrderByDescending(k => k.Count)
            .Select(k => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{k.Key} {(double)k.Count / reconciles:0.##}")));
    }

    /// <summary>
    /// Counts from the sandbox's side: AWS calls per service, and the requests of every client but kubectl (the benchmark
    /// itself writes through the store in-process), leader election's Lease requests and watches counted apart.
    /// </summary>
    public static CostSample Take(SandboxCluster cluster, long reconciles, TimeSpan cpu)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var aws = Services.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
        foreach (var (operation, calls) in cluster.Cloud.Calls.Snapshot())
        {
            var service = operation[..operation.IndexOf(':', StringComparison.Ordinal)];
            aws[service] = aws.GetValueOrDefault(service) + calls;
        }

        var byKind = cluster.Cloud.Calls.Snapshot().ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        long requests = 0, leases = 0, watches = 0;
        foreach (var (kind, count) in cluster.Server.Requests.Snapshot().Where(r => r.Key.Client != "kubectl"))
        {
            if (kind.Verb == "WATCH")
            {
                watches += count;
            }
            else if (kind.Resource == "leases")
            {
                leases += count;
            }
            else
            {
                requests += count;
                var key = $"{kind.Verb} {kind.Resource}";
                byKind[key] = byKind.GetValueOrDefault(key) + count;
            }
        }

        return new CostSample(reconciles, aws, requests, leases, watches, cpu, byKind);
    }
}
