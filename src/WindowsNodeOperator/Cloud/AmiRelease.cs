namespace WindowsNodeOperator.Cloud;

/// <summary>
/// The AMI an SSM parameter pointed at when last read; <see cref="CreatedAt"/> is null if EC2 does not know the image.
/// <see cref="PublishedAt"/> is the parameter's LastModifiedDate: when AWS released the AMI, often days after it was built.
/// </summary>
public sealed record AmiRelease(
    string ParameterName,
    string ImageId,
    string? ImageName,
    DateTimeOffset? CreatedAt,
    DateTimeOffset CheckedAt,
    DateTimeOffset? PublishedAt = null);
