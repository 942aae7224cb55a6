namespace WindowsNodeOperator.Sandbox.Cloud.Ec2;

/// <summary>An EBS volume as DescribeVolumes reports it, with its one attachment.</summary>
public sealed record Ec2Volume(
    string VolumeId, string AvailabilityZone, int SizeGiB, bool Encrypted, string? InstanceId, string? Device, DateTimeOffset CreateTime);
