namespace WindowsNodeOperator.Sandbox.Cloud.Ec2;

/// <summary>
/// An EC2 instance as DescribeInstances reports it. <c>LaunchTime</c> moves on every start after a stop;
/// <c>NetworkInterfaceAttachTime</c> (the primary ENI's attach time) keeps the original launch. <c>Platform</c> is <c>windows</c> or null.
/// <c>HttpTokens</c> is the instance metadata option (<c>required</c> for IMDSv2 only); its root EBS volume is <c>RootVolumeId</c>.
/// </summary>
public sealed record Ec2Instance(
    string InstanceId,
    string ImageId,
    string InstanceType,
    string AvailabilityZone,
    Ec2InstanceState State,
    DateTimeOffset LaunchTime,
    DateTimeOffset NetworkInterfaceAttachTime,
    string PrivateIpAddress,
    string PrivateDnsName,
    string? Platform,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string>? SecurityGroupIds = null,
    string HttpTokens = "required",
    string? RootVolumeId = null)
{
    public string? AutoScalingGroupName => Tags.GetValueOrDefault("aws:autoscaling:groupName");

    public string RootDeviceName => Platform is null ? "/dev/xvda" : "/dev/sda1";
}
