namespace WindowsNodeOperator.Cloud;

/// <summary>Live (not terminated) instances of Auto Scaling groups, read in batches.</summary>
public interface IInstanceInventory
{
    /// <summary>Every live instance of a set of groups.</summary>
    Task<IReadOnlyList<InstanceRecord>> ListAsync(IReadOnlyCollection<string> groupNames, CancellationToken ct);

    /// <summary>The live instances among <paramref name="instanceIds"/>; an id that is terminated or unknown is left out.</summary>
    Task<IReadOnlyList<InstanceRecord>> DescribeAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct);

    /// <summary>
    /// The ids among <paramref name="instanceIds"/> EC2 has, in any state and in a group or not (a terminated instance stays
    /// listed for about an hour); an id it does not know is left out.
    /// </summary>
    Task<IReadOnlyList<string>> ExistingAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct);
}
