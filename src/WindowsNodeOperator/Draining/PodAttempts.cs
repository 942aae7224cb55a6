using WindowsNodeOperator.Cluster;

namespace WindowsNodeOperator.Draining;

/// <summary>What one drain has done to one pod (by uid, so a recreated pod of the same name starts afresh).</summary>
internal sealed class PodAttempts(string? uid)
{
    public string? Uid { get; } = uid;

    public int Failures { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Eviction accepted or pod deleted: it only has to finish shutting down.</summary>
    public bool Removed { get; private set; }

    public bool ForceDeleted { get; private set; }

    public EvictionResult? LastRefusal { get; private set; }

    public string? LastError { get; private set; }

    public void Succeeded(bool forced)
    {
        Removed = true;
        ForceDeleted |= forced;
        LastRefusal = null;
        LastError = null;
    }

    public void Refused(EvictionResult refusal, DateTimeOffset retryAt)
    {
        Failures++;
        LastRefusal = refusal;
        LastError = null;
        NextAttemptAt = retryAt;
    }

    public void Failed(string error, DateTimeOffset retryAt)
    {
        Failures++;
        LastError = error;
        NextAttemptAt = retryAt;
    }
}
