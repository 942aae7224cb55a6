namespace WindowsNodeOperator.Notifications;

/// <summary>How long to wait before the next attempt: the receiver's Retry-After, else exponential with equal jitter.</summary>
internal static class WebhookBackoff
{
    public static readonly TimeSpan Base = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    /// <summary>A longer Retry-After is cut to this, so one receiver cannot park its queue for hours.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(10);

    /// <param name="failures">Attempts failed so far (1 after the first).</param>
    /// <param name="retryAfter">What the receiver asked for, if anything.</param>
    /// <param name="jitter">A number in [0, 1).</param>
    public static TimeSpan Delay(int failures, TimeSpan? retryAfter, double jitter)
    {
        if (retryAfter is { } after)
        {
            return after <= TimeSpan.Zero ? TimeSpan.Zero : after < MaxRetryAfter ? after : MaxRetryAfter;
        }

        var ceiling = Base * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        if (ceiling > Max)
        {
            ceiling = Max;
        }

        return ceiling * (0.5 + (Math.Clamp(jitter, 0, 1) / 2));
    }
}
