using WindowsNodeOperator.Draining;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>One node's drain for a terminating instance, running in the background of the <see cref="DrainCoordinator"/>.</summary>
internal sealed class DrainJob(string policy, string group, string instanceId, string node)
{
    public string Policy { get; } = policy;

    public string Group { get; } = group;

    public string InstanceId { get; } = instanceId;

    public string Node { get; } = node;

    /// <summary>When the first drain of the instance started; a blocked drain started again keeps it.</summary>
    public DateTimeOffset FirstStarted { get; init; }

    public Task Run { get; set; } = Task.CompletedTask;

    /// <summary>The last drain's result when it timed out with pods left (onTimeout: Wait); kept until a drain ends otherwise.</summary>
    public DrainResult? Blocked { get; set; }

    public bool Running => !Run.IsCompleted;
}
