using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Reconciliation.Status;
using WindowsNodeOperator.Runtime.Events;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// Reports each item of an AWS answer the operator skipped once per policy: a Warning Event on the policy naming the item,
/// the field and the value, and a log line. The event recorder alone would not do: it folds a repeat into a series only
/// within six minutes, and a fault that lasts makes a new event after each. What was reported is kept in memory,
/// bounded; after a restart an item still malformed is reported once more, which tells the new replica's reader too.
/// </summary>
internal sealed partial class SkippedItemReports(PolicyEvents events, ILogger<SkippedItemReports> logger)
{
    public const string Reason = "MalformedAwsAnswer";

    /// <summary>Reports kept per policy; past it the oldest are forgotten, and reported again if still seen.</summary>
    internal const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, Reported> _reported = new(StringComparer.Ordinal);

    public async Task ReportAsync(WindowsNodePolicy policy, IReadOnlyList<SkippedItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }

        var reported = _reported.GetOrAdd(policy.Metadata.Name, _ => new Reported());
        foreach (var item in items)
        {
            if (!reported.Add(item))
            {
                continue;
            }

            var note = item.Describe();
            LogSkipped(logger, policy.Metadata.Name, note);
            await events.PolicyAsync(policy, EventTypes.Warning, Reason, "Skip", note, ct).ConfigureAwait(false);
        }
    }

    /// <summary>A policy gone: its reports are forgotten.</summary>
    public void Forget(string policy) => _reported.TryRemove(policy, out _);

    [LoggerMessage(20, LogLevel.Warning, "Policy {Policy}: {Note}")]
    private static partial void LogSkipped(ILogger logger, string policy, string note);

    private sealed class Reported
    {
        private readonly Lock _gate = new();
        private readonly HashSet<SkippedItem> _items = [];
        private readonly Queue<SkippedItem> _order = new();

        public bool Add(SkippedItem item)
        {
            lock (_gate)
            {
                if (!_items.Add(item))
                {
                    return false;
                }

                _order.Enqueue(item);
                while (_order.Count > Capacity)
                {
                    _items.Remove(_order.Dequeue());
                }

                return true;
            }
        }
    }
}
