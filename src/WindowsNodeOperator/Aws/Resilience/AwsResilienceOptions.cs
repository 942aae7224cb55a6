namespace WindowsNodeOperator.Aws.Resilience;

/// <summary>Retry, timeout and client-side rate limit settings for AWS calls.</summary>
public sealed class AwsResilienceOptions
{
    /// <summary>Attempts per call, the first one included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The median first retry delay; later ones grow exponentially with decorrelated jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Per attempt; <see cref="Timeout.InfiniteTimeSpan"/> turns the timeout off.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Calls per second per service, shared by every policy, so a large fleet stays under the account-wide API
    /// limits (EC2 describe calls, SSM and Auto Scaling have their own buckets on the AWS side).
    /// </summary>
    public Dictionary<string, double> CallsPerSecond { get; set; } = new(StringComparer.Ordinal)
    {
        [AwsServices.Ec2] = 20,
        [AwsServices.Ssm] = 10,
        [AwsServices.AutoScaling] = 10,
    };

    public double DefaultCallsPerSecond { get; set; } = 10;

    /// <summary>Jitter source, between 0 and 1; tests pin it to make delays predictable.</summary>
    internal Func<double>? Randomizer { get; set; }

    internal double RateFor(string service) =>
        CallsPerSecond.TryGetValue(service, out var rate) ? rate : DefaultCallsPerSecond;

    internal void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "At least one attempt.");
        }

        if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), BaseDelay, "Base delay must be positive and not above MaxDelay.");
        }

        if (AttemptTimeout <= TimeSpan.Zero && AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), AttemptTimeout, "Must be positive or infinite.");
        }

        if (DefaultCallsPerSecond <= 0 || CallsPerSecond.Values.Any(rate => rate <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(CallsPerSecond), "Rates must be positive.");
        }
    }
}
