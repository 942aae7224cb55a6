namespace WindowsNodeOperator.Cloud;

/// <summary>Read-only EC2 facts about a fleet's instances for audits: placement, images, security groups, metadata options, volumes.</summary>
internal interface IFleetAudit
{
    /// <summary>The instances among <paramref name="instanceIds"/> that EC2 knows (terminated ones left out), in batches.</summary>
    Task<IReadOnlyList<AuditedInstance>> DescribeInstancesAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct);

    /// <summary>The images EC2 knows among <paramref name="imageIds"/>, deprecated ones included.</summary>
    Task<IReadOnlyDictionary<string, AuditedImage>> DescribeImagesAsync(IReadOnlyCollection<string> imageIds, CancellationToken ct);

    Task<IReadOnlyDictionary<string, SecurityGroupFacts>> DescribeSecurityGroupsAsync(IReadOnlyCollection<string> groupIds, CancellationToken ct);

    Task<IReadOnlyDictionary<string, VolumeFacts>> DescribeVolumesAsync(IReadOnlyCollection<string> volumeIds, CancellationToken ct);
}
