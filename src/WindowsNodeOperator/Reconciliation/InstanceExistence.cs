using System.Collections.Concurrent;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// Whether EC2 has an instance at all, for nodes whose providerID names an instance no group of the policy lists. An answer
/// is trusted for <see cref="Recheck"/>, so a node of a group the policy does not select costs one DescribeInstances an
/// hour, not one a look. Memory only: a restart asks again, and the answer is the same.
/// </summary>
internal sealed class InstanceExistence(IInstanceInventory inventory, TimeProvider time)
{
    public static readonly TimeSpan Recheck = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (bool Exists, DateTimeOffset CheckedAt)> _answers = new(StringComparer.Ordinal);

    /// <summary>The ids among <paramref name="instanceIds"/> EC2 does not have, in any state.</summary>
    public async Task<IReadOnlySet<string>> MissingAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        var now = time.GetUtcNow();
        var ask = instanceIds.Where(id => !_answers.TryGetValue(id, out var a) || now - a.CheckedAt >= Recheck).ToHashSet(StringComparer.Ordinal);
        if (ask.Count > 0)
        {
            var existing = (await inventory.ExistingAsync(ask, ct).ConfigureAwait(false) ?? []).ToHashSet(StringComparer.Ordinal);
            foreach (var id in ask)
            {
                _answers[id] = (existing.Contains(id), now);
            }
        }

        // Answers not asked for again in a while belong to nodes since gone.
        foreach (var (id, answer) in _answers)
        {
            if (now - answer.CheckedAt > 2 * Recheck)
            {
                _answers.TryRemove(id, out _);
            }
        }

        return instanceIds.Where(id => _answers.TryGetValue(id, out var a) && !a.Exists).ToHashSet(StringComparer.Ordinal);
    }
}
