using WindowsNodeOperator.Runtime.Queues;

namespace WindowsNodeOperator.Runtime.Controllers;

/// <summary>How many keys one controller reconciles at once, how often it re-looks at everything, and its requeue limits.</summary>
public sealed class ControllerOptions
{
    /// <summary>Concurrent reconciles (never two for the same key). Default 1.</summary>
    public int Workers { get; set; } = 1;

    /// <summary>Every cached primary object is enqueued again this often; null turns resync off. Default 10 minutes.</summary>
    public TimeSpan? ResyncPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Restricts the primary watch to objects with these labels (a Kubernetes label selector).</summary>
    public string? LabelSelector { get; set; }

    public WorkQueueOptions Queue { get; set; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Workers, 1, nameof(Workers));
        if (ResyncPeriod is { } period)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero, nameof(ResyncPeriod));
        }

        ArgumentNullException.ThrowIfNull(Queue, nameof(Queue));
    }
}
