using System.Globalization;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// The DescribeInstances and DescribeImages filters the simulation models; filters are ANDed, a filter's values ORed.
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
/// </summary>
internal static class Ec2Filters
{
    public static bool Matches(WireFilter filter, Ec2Instance instance) => filter.Name switch
    {
        "instance-state-name" => filter.Matches(instance.State.ToAwsName()),
        "instance-state-code" => filter.Matches(((int)instance.State * 16).ToString(CultureInfo.InvariantCulture)),
        "instance-id" => filter.Matches(instance.InstanceId),
        "image-id" => filter.Matches(instance.ImageId),
        "instance-type" => filter.Matches(instance.InstanceType),
        "availability-zone" => filter.Matches(instance.AvailabilityZone),
        "private-ip-address" => filter.Matches(instance.PrivateIpAddress),
        "private-dns-name" => filter.Matches(instance.PrivateDnsName),
        "platform" => filter.Matches(instance.Platform),
        _ => MatchesTag(filter, instance.Tags),
    };

    public static bool Matches(WireFilter filter, Ec2Image image) => filter.Name switch
    {
        "image-id" => filter.Matches(image.ImageId),
        "name" => filter.Matches(image.Name),
        "platform" => filter.Matches(image.Platform),
        "state" => filter.Matches(image.State),
        "is-public" => filter.Matches(WireFormat.Bool(image.Public)),
        _ => MatchesTag(filter, new Dictionary<string, string>()),
    };

    public static bool Matches(WireFilter filter, Ec2SecurityGroup group) => filter.Name switch
    {
        "group-id" => filter.Matches(group.GroupId),
        "group-name" => filter.Matches(group.GroupName),
        _ => MatchesTag(filter, new Dictionary<string, string>()),
    };

    public static bool Matches(WireFilter filter, Ec2Volume volume) => filter.Name switch
    {
        "volume-id" => filter.Matches(volume.VolumeId),
        "attachment.instance-id" => filter.Matches(volume.InstanceId),
        "encrypted" => filter.Matches(WireFormat.Bool(volume.Encrypted)),
        "availability-zone" => filter.Matches(volume.AvailabilityZone),
        _ => MatchesTag(filter, new Dictionary<string, string>()),
    };

    private static bool MatchesTag(WireFilter filter, IReadOnlyDictionary<string, string> tags) => filter.Name switch
    {
        "tag-key" => tags.Keys.Any(filter.Matches),
        "tag-value" => tags.Values.Any(filter.Matches),
        { } name when name.StartsWith("tag:", StringComparison.Ordinal) => tags.TryGetValue(name[4..], out var value) && filter.Matches(value),
        _ => throw new SimulatedAwsException("InvalidParameterValue", 400, $"The filter '{filter.Name}' is invalid"),
    };
}
