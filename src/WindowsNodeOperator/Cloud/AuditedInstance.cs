namespace WindowsNodeOperator.Cloud;

/// <summary>
/// An EC2 instance as an audit sees it. <see cref="GroupName"/> is its Auto Scaling group (null for a standalone instance);
/// <see cref="HttpTokens"/> is <c>required</c> when only IMDSv2 answers.
/// </summary>
internal sealed record AuditedInstance(
    string InstanceId,
    string? GroupName,
    string ImageId,
    string AvailabilityZone,
    string State,
    DateTimeOffset OriginalLaunchTime,
    IReadOnlyList<string> SecurityGroupIds,
    string? HttpTokens,
    string? RootVolumeId);
