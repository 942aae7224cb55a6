using System.Collections.Concurrent;

namespace WindowsNodeOperator.Sandbox.Cloud.Faults;

/// <summary>Counts the simulated API calls per operation, and how many of them a fault failed.</summary>
public sealed class CallCounter
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, long> _faulted = new(StringComparer.OrdinalIgnoreCase);

    public long Calls(string operation) => _calls.GetValueOrDefault(operation);

    public long Faulted(string operation) => _faulted.GetValueOrDefault(operation);

    public long TotalCalls => _calls.Values.Sum();

    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(_calls, StringComparer.Ordinal);

    public void Reset()
    {
        _calls.Clear();
        _faulted.Clear();
    }

    internal void RecordCall(string operation) => _calls.AddOrUpdate(operation, 1, static (_, n) => n + 1);

    internal void RecordFault(string operation) => _faulted.AddOrUpdate(operation, 1, static (_, n) => n + 1);
}
