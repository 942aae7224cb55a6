using System.Collections.Concurrent;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// The EC2 facts of the groups' instances. An instance's image and original launch time never change, so an instance
/// in service is described once; one in any other lifecycle state (launching, terminating, standby) is described on
/// every look, so an instance EC2 no longer lists as live drops out as it did before. An instance no group has listed
/// for <see cref="ForgetAfter"/> is forgotten.
/// </summary>
internal sealed class KnownInstances(IInstanceInventory inventory, TimeProvider time)
{
    /// <summary>Longer than the resync, so every policy's instances are seen again well before they would be forgotten.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Known> _known = new(StringComparer.Ordinal);

    public int Count => _known.Count;

    /// <summary>The live instances among the groups' members, by id; EC2 is asked only about those not known in service.</summary>
    public async Task<IReadOnlyDictionary<string, InstanceRecord>> ReadAsync(IReadOnlyList<AutoScalingGroup> groups, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var now = time.GetUtcNow();
        var members = groups.SelectMany(g => g.Instances).ToList();
        var ask = members
            .Where(i => i.LifecycleState != LifecycleStates.InService || !_known.ContainsKey(i.InstanceId))
            .Select(i => i.InstanceId)
            .ToHashSet(StringComparer.Ordinal);

        // 1. The instances not known in service, in batches; one EC2 no longer lists as live is not kept.
        if (ask.Count > 0)
        {
            var described = await inventory.DescribeAsync(ask, ct).ConfigureAwait(false);
            foreach (var id in ask)
            {
                _known.TryRemove(id, out _);
            }

            foreach (var record in described)
            {
                _known[record.InstanceId] = new Known(record, now);
            }
        }

        // 2. What the groups list now, seen now.
        var records = new Dictionary<string, InstanceRecord>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (_known.TryGetValue(member.InstanceId, out var known))
            {
                records[member.InstanceId] = known.Record;
                known.Seen(now);
            }
        }

        // 3. Instances no group listed for a while (terminated, detached, or of a policy since deleted) are forgotten.
        foreach (var (id, known) in _known)
        {
            if (now - known.LastSeen > ForgetAfter)
            {
                _known.TryRemove(id, out _);
            }
        }

        return records;
    }

    private sealed class Known(InstanceRecord record, DateTimeOffset seen)
    {
        private long _seenTicks = seen.UtcTicks;

        public InstanceRecord Record => record;

        public DateTimeOffset LastSeen => new(Interlocked.Read(ref _seenTicks), TimeSpan.Zero);

        public void Seen(DateTimeOffset at) => Interlocked.Exchange(ref _seenTicks, at.UtcTicks);
    }
}
