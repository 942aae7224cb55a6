namespace WindowsNodeOperator.Draining;

/// <summary>
/// Exponential backoff with "equal jitter": attempt n waits between half and all of base·2ⁿ⁻¹, capped, so a pod's waits
/// never shrink while retries of many pods still spread out.
/// </summary>
internal sealed class EvictionBackoff(TimeSpan baseDelay, TimeSpan cap, Random random)
{
    public TimeSpan Delay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponent = Math.Min(attempt - 1, 30);
        var full = TimeSpan.FromTicks(Math.Min(cap.Ticks, baseDelay.Ticks * (1L << exponent)));
        var jittered = full / 2 + (full / 2 * random.NextDouble());
        return TimeSpan.FromMilliseconds(Math.Ceiling(jittered.TotalMilliseconds));
    }
}
