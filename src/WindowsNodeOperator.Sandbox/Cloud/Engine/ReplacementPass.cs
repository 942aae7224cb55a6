namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>
/// One sweep of replacements toward a target configuration: the forward pass of a refresh, or its rollback.
/// Old instances leave it in batches; the group refills with the target configuration.
/// </summary>
internal sealed class ReplacementPass(ResolvedTemplate target, IEnumerable<string> toReplace)
{
    public ResolvedTemplate Target { get; } = target;

    /// <summary>Old instances not yet taken out.</summary>
    public HashSet<string> Remaining { get; } = new(toReplace, StringComparer.Ordinal);

    public int Total { get; } = toReplace.Count();

    /// <summary>Old instances taken out and not yet terminated.</summary>
    public List<InstanceRecord> Leaving { get; } = [];

    /// <summary>Old instances picked for this batch that leave once the extra (launch-before-terminate) instances are warm.</summary>
    public List<InstanceRecord> AwaitingSurge { get; } = [];

    /// <summary>How many instances above desired capacity the group may run for this batch.</summary>
    public int Surge { get; set; }

    public List<InstanceRecord> Launched { get; } = [];

    public HashSet<string> Warmed { get; } = new(StringComparer.Ordinal);

    public int Removed { get; set; }

    /// <summary>New instances of this pass whose launch a lifecycle action abandoned, in order: Auto Scaling terminates and retries them.</summary>
    public List<AbandonedLaunch> AbandonedLaunches { get; } = [];

    /// <summary>How many of <see cref="AbandonedLaunches"/> the refresh has taken into account.</summary>
    public int AbandonedLaunchesSeen { get; set; }

    public int Completed => Math.Min(Total, Math.Min(Removed, Warmed.Count));

    /// <summary>
    /// Replacements InService and warmed up, whether or not their old instances have terminated yet: what PercentageComplete
    /// counts (https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_InstanceRefresh.html).
    /// </summary>
    public int Updated => Math.Min(Total, Warmed.Count);
}
