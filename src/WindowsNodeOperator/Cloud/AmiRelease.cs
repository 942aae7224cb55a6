namespace WindowsNodeOperator.Cloud;

/// <summary>The AMI an SSM parameter pointed at when last read; <see cref="CreatedAt"/> is null if EC2 does not know the image.</summary>
public sealed record AmiRelease(
    string ParameterName,
    string ImageId,
    string? ImageName,
    DateTimeOffset? CreatedAt,
    DateTimeOffset CheckedAt);
