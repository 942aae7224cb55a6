using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>Seeds a cluster with the simulated fleet: nodes for every instance, then workloads spread over them.</summary>
public sealed class FleetSeeder(IClusterWriter writer, TimeProvider time)
{
    public async Task<SeededFleet> SeedAsync(FleetOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var now = time.GetUtcNow();
        var random = new Random(options.Seed);
        var instances = FleetPlan.Build(options, now);
        var podIps = new PodAddresses();
        var names = new HashSet<string>(StringComparer.Ordinal);

        // Random suffixes of five letters collide within a few thousand pods: draw again, as a controller retries after 409 AlreadyExists.
        string Unique(string prefix, int length)
        {
            string name;
            do
            {
                name = $"{prefix}-{Suffix(random, length)}";
            }
            while (!names.Add(name));
            return name;
        }

        foreach (var ns in options.Workloads.Select(w => w.Namespace).Concat(options.DaemonSets.Select(d => d.Namespace)).Distinct(StringComparer.Ordinal))
        {
            if (ns is not ("default" or "kube-system"))
            {
                await writer.CreateAsync(WorkloadManifests.Namespace(ns), ct).ConfigureAwait(false);
            }
        }

        foreach (var instance in instances)
        {
            await writer.CreateAsync(NodeManifest.For(instance, options), ct).ConfigureAwait(false);
        }

        var pods = 0;
        foreach (var workload in options.Workloads)
        {
            // The nodes its pods select, and on which its image starts (a Windows image must match the host's build).
            var build = WindowsBuilds.OfContainerImage(workload.Image);
            var nodes = instances
                .Where(i => i.Os == workload.Os)
                .Where(i => workload.Os != NodeOs.Windows || build is null || WindowsBuilds.Runs(i.WindowsBuild ?? WindowsBuilds.V2022, build))
                .Where(i => (workload.NodeSelector ?? new Dictionary<string, string>()).All(s => Labels(i, options).GetValueOrDefault(s.Key) == s.Value))
                .ToList();
            var deployment = await writer.CreateAsync(WorkloadManifests.Deployment(workload), ct).ConfigureAwait(false);
            var replicaSetName = Unique(workload.Name, 10);
            var replicaSet = await writer.CreateAsync(WorkloadManifests.ReplicaSet(workload, replicaSetName, deployment), ct).ConfigureAwait(false);
            for (var i = 0; i < workload.Replicas && nodes.Count > 0; i++)
            {
                // Spread replicas over the nodes (a stride of 5 visits groups and ages alike), as a scheduler balancing load would;
                // when the stride comes back to its first node (every n/gcd(5, n) replicas), it moves on by one, so all nodes get some.
                var node = nodes[((i * 5) + (i / (nodes.Count / (nodes.Count % 5 == 0 ? 5 : 1)))) % nodes.Count];
                var pod = WorkloadManifests.Pod(Unique(replicaSetName, 5), replicaSet, node, podIps.Next(node), now);
                await writer.CreateAsync(pod, ct).ConfigureAwait(false);
                pods++;
            }

            if (workload.MinAvailable is not null || workload.MaxUnavailable is not null)
            {
                await writer.CreateAsync(WorkloadManifests.PodDisruptionBudget(workload), ct).ConfigureAwait(false);
            }
        }

        foreach (var daemonSet in options.DaemonSets)
        {
            var nodes = instances.Where(i => i.Os == daemonSet.Os).ToList();
            var stored = await writer.CreateAsync(WorkloadManifests.DaemonSet(daemonSet, nodes.Count), ct).ConfigureAwait(false);
            foreach (var node in nodes)
            {
                await writer.CreateAsync(WorkloadManifests.Pod(Unique(daemonSet.Name, 5), stored, node, node.PrivateIp, now), ct).ConfigureAwait(false);
                pods++;
            }
        }

        return new SeededFleet(instances, pods);
    }

    private static Dictionary<string, string> Labels(SimulatedInstance instance, FleetOptions options) =>
        NodeManifest.For(instance, options)["metadata"]!["labels"]!.AsObject()
            .ToDictionary(l => l.Key, l => l.Value!.GetValue<string>(), StringComparer.Ordinal);

    private static string Suffix(Random random, int length)
    {
        // The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusable digits).
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(length, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    private sealed class PodAddresses
    {
        private readonly Dictionary<string, int> _next = new(StringComparer.Ordinal);

        public string Next(SimulatedInstance node)
        {
            var index = _next.TryGetValue(node.NodeName, out var n) ? n + 1 : 1;
            _next[node.NodeName] = index;
            var octets = node.PrivateIp.Split('.');
            return $"10.1.{octets[2]}.{(int.Parse(octets[3], System.Globalization.CultureInfo.InvariantCulture) + (index * 7)) % 250 + 2}";
        }
    }
}

/// <summary>What was seeded: the instances behind the nodes, and how many pods were placed.</summary>
public sealed record SeededFleet(IReadOnlyList<SimulatedInstance> Instances, int Pods);
