namespace WindowsNodeOperator.Cloud;

/// <summary>Every live (not terminated) instance of a set of Auto Scaling groups, read in batches.</summary>
public interface IInstanceInventory
{
    Task<IReadOnlyList<InstanceRecord>> ListAsync(IReadOnlyCollection<string> groupNames, CancellationToken ct);
}
