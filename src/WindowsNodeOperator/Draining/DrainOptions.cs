using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Draining;

/// <summary>A policy's drain settings, parsed: the timeout counts from the moment the operator cordoned the node.</summary>
internal sealed record DrainOptions(TimeSpan Timeout, TimeSpan? PodGracePeriod, bool DeleteEmptyDirData, DrainTimeoutAction OnTimeout)
{
    public static DrainOptions From(DrainSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new DrainOptions(
            PolicyDuration.Parse(spec.Timeout),
            spec.PodGracePeriod is { } grace ? PolicyDuration.Parse(grace) : null,
            spec.DeleteEmptyDirData,
            spec.OnTimeout);
    }
}
