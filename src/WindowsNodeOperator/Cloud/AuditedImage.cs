namespace WindowsNodeOperator.Cloud;

/// <summary>An AMI as an audit sees it: AWS deprecates EKS-optimized Windows AMIs and later makes them private.</summary>
internal sealed record AuditedImage(
    string ImageId, string? Name, DateTimeOffset? CreatedAt, DateTimeOffset? DeprecationTime, string? State, bool? Public);
