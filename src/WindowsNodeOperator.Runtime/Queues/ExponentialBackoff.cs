namespace WindowsNodeOperator.Runtime.Queues;

/// <summary>Per-key delay that doubles with every failure of that key, capped; reset by <see cref="Forget"/>.</summary>
internal sealed class ExponentialBackoff<TKey>(TimeSpan baseDelay, TimeSpan maxDelay)
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _failures = [];

    public TimeSpan Next(TKey key)
    {
        var failures = _failures.GetValueOrDefault(key);
        _failures[key] = failures + 1;

        // 2^failures overflows quickly; past 2^40 the cap is always reached anyway.
        var factor = Math.Pow(2, Math.Min(failures, 40));
        var ticks = baseDelay.Ticks * factor;
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public int Failures(TKey key) => _failures.GetValueOrDefault(key);

    public void Forget(TKey key) => _failures.Remove(key);
}
