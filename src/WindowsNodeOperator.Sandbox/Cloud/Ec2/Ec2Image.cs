namespace WindowsNodeOperator.Sandbox.Cloud.Ec2;

/// <summary>
/// An AMI as DescribeImages reports it; <c>Platform</c> is <c>windows</c> or null for Linux. AWS deprecates (and later makes
/// private) EKS-optimized Windows AMIs some months after release: <c>DeprecationTime</c>, <c>Public</c>, <c>State</c>.
/// </summary>
public sealed record Ec2Image(
    string ImageId,
    string Name,
    DateTimeOffset CreationDate,
    string? Platform,
    DateTimeOffset? DeprecationTime = null,
    bool Public = true,
    string State = "available");
