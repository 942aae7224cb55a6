namespace WindowsNodeOperator.Cloud;

/// <summary>Live (not terminated) instances of Auto Scaling groups, read in batches.</summary>
public interface IInstanceInventory
{
    /// <summary>Every live instance of a set of groups.</summary>
    Task<IReadOnlyList<InstanceRecord>> ListAsync(IReadOnlyCollection<string> groupNames, CancellationToken ct);

    /// <summary>The live instances among <paramref name="instanceIds"/>; an id that is terminated or unknown is left out.</summary>
    Task<IReadOnlyList<InstanceRecord>> DescribeAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct);
}
