namespace WindowsNodeOperator.Cloud;

/// <summary>
/// One EC2 instance of an Auto Scaling group. <see cref="LaunchTime"/> resets on stop/start;
/// <see cref="OriginalLaunchTime"/> (the primary network interface's attach time, if earlier) does not.
/// </summary>
public sealed record InstanceRecord(
    string InstanceId,
    string GroupName,
    string ImageId,
    string InstanceType,
    string AvailabilityZone,
    string State,
    DateTimeOffset LaunchTime,
    DateTimeOffset OriginalLaunchTime,
    string? PrivateDnsName);
