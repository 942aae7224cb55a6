using System.Xml.Linq;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using static WindowsNodeOperator.Sandbox.Cloud.Wire.Ec2Protocol;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// The simulated account's EC2 records as the EC2 API writes them, member names from botocore's
/// <c>ec2/2016-11-15/service-2.json</c> (<c>locationName</c>s: <c>instancesSet</c>, <c>instanceState</c>, <c>tagSet</c>...).
/// </summary>
internal static class Ec2Xml
{
    /// <summary>The account every simulated resource belongs to (AWS's documentation example account).</summary>
    public const string AccountId = "111122223333";

    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceState.html
    private static readonly Dictionary<Ec2InstanceState, int> StateCodes = new()
    {
        [Ec2InstanceState.Pending] = 0,
        [Ec2InstanceState.Running] = 16,
        [Ec2InstanceState.ShuttingDown] = 32,
        [Ec2InstanceState.Terminated] = 48,
        [Ec2InstanceState.Stopping] = 64,
        [Ec2InstanceState.Stopped] = 80,
    };

    /// <summary>One reservation per instance, as instances launched one at a time by Auto Scaling are.</summary>
    public static IEnumerable<object?> Reservation(Ec2Instance instance) =>
    [
        E("reservationId", "r-" + instance.InstanceId[2..]),
        E("ownerId", AccountId),
        E("groupSet"),
        E("instancesSet", E("item", [.. Instance(instance)])),
    ];

    public static IEnumerable<object?> Instance(Ec2Instance instance) =>
    [
        E("instanceId", instance.InstanceId),
        E("imageId", instance.ImageId),
        E("instanceState", E("code", StateCodes[instance.State]), E("name", instance.State.ToAwsName())),
        E("privateDnsName", instance.PrivateDnsName),
        E("dnsName"),
        E("reason"),
        E("amiLaunchIndex", 0),
        E("productCodes"),
        E("instanceType", instance.InstanceType),
        E("launchTime", WireFormat.Iso(instance.LaunchTime)),
        E("placement", E("availabilityZone", instance.AvailabilityZone), E("groupName"), E("tenancy", "default")),
        instance.Platform is { } platform ? E("platform", platform) : null,
        E("monitoring", E("state", "disabled")),
        E("privateIpAddress", instance.PrivateIpAddress),
        E("architecture", "x86_64"),
        E("rootDeviceType", "ebs"),
        E("rootDeviceName", instance.RootDeviceName),
        instance.RootVolumeId is { } volume
            ? E("blockDeviceMapping", E(
                "item",
                E("deviceName", instance.RootDeviceName),
                E("ebs",
                    E("volumeId", volume),
                    E("status", "attached"),
                    E("attachTime", WireFormat.Iso(instance.NetworkInterfaceAttachTime)),
                    E("deleteOnTermination", "true"))))
            : E("blockDeviceMapping"),
        Set("groupSet", (instance.SecurityGroupIds ?? []).Select(id => new object?[] { E("groupId", id), E("groupName", id) })),
        E("metadataOptions",
            E("state", "applied"),
            E("httpTokens", instance.HttpTokens),
            E("httpPutResponseHopLimit", instance.HttpTokens == "required" ? 2 : 1),
            E("httpEndpoint", "enabled"),
            E("httpProtocolIpv6", "disabled"),
            E("instanceMetadataTags", "disabled")),
        E("virtualizationType", "hvm"),
        E("hypervisor", "xen"),
        // The primary interface stays attached from the first launch; launchTime moves on every start.
        E("networkInterfaceSet", E(
            "item",
            E("networkInterfaceId", "eni-" + instance.InstanceId[2..]),
            E("ownerId", AccountId),
            E("status", "in-use"),
            E("privateIpAddress", instance.PrivateIpAddress),
            E("privateDnsName", instance.PrivateDnsName),
            E("attachment",
                E("attachmentId", "eni-attach-" + instance.InstanceId[2..]),
                E("deviceIndex", 0),
                E("status", "attached"),
                E("attachTime", WireFormat.Iso(instance.NetworkInterfaceAttachTime)),
                E("deleteOnTermination", "true"),
                E("networkCardIndex", 0)))),
        Set("tagSet", instance.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new object?[] { E("key", t.Key), E("value", t.Value) })),
        E("platformDetails", instance.Platform is null ? "Linux/UNIX" : "Windows"),
    ];

    public static IEnumerable<object?> Image(Ec2Image image) =>
    [
        E("imageId", image.ImageId),
        E("imageLocation", "amazon/" + image.Name),
        E("imageState", image.State),
        E("imageOwnerId", AccountId),
        E("creationDate", WireFormat.Iso(image.CreationDate)),
        E("isPublic", WireFormat.Bool(image.Public)),
        E("architecture", "x86_64"),
        E("imageType", "machine"),
        image.Platform is { } platform ? E("platform", platform) : null,
        E("platformDetails", image.Platform is null ? "Linux/UNIX" : "Windows"),
        E("imageOwnerAlias", "amazon"),
        E("name", image.Name),
        E("rootDeviceType", "ebs"),
        E("virtualizationType", "hvm"),
        E("hypervisor", "xen"),
        image.DeprecationTime is { } deprecated ? E("deprecationTime", WireFormat.Iso(deprecated)) : null,
    ];

    public static IEnumerable<object?> SecurityGroup(Ec2SecurityGroup group) =>
    [
        E("ownerId", AccountId),
        E("groupId", group.GroupId),
        E("groupName", group.GroupName),
        E("groupDescription", group.Description),
        E("vpcId", "vpc-0sandbox0000000001"),
        Set("ipPermissions", group.Ingress.Select(r => new object?[]
        {
            E("ipProtocol", r.Protocol),
            r.FromPort is { } from ? E("fromPort", from) : null,
            r.ToPort is { } to ? E("toPort", to) : null,
            E("groups"),
            Set("ipRanges", r.CidrIpv4.Select(c => new object?[] { E("cidrIp", c) })),
            Set("ipv6Ranges", r.CidrIpv6.Select(c => new object?[] { E("cidrIpv6", c) })),
            E("prefixListIds"),
        })),
        Set("ipPermissionsEgress", [[E("ipProtocol", "-1"), E("groups"), Set("ipRanges", [[E("cidrIp", "0.0.0.0/0")]]), E("ipv6Ranges"), E("prefixListIds")]]),
    ];

    public static IEnumerable<object?> Volume(Ec2Volume volume) =>
    [
        E("volumeId", volume.VolumeId),
        E("size", volume.SizeGiB),
        E("snapshotId"),
        E("availabilityZone", volume.AvailabilityZone),
        E("status", volume.InstanceId is null ? "available" : "in-use"),
        E("createTime", WireFormat.Iso(volume.CreateTime)),
        Set("attachmentSet", volume.InstanceId is { } instance
            ? [[E("volumeId", volume.VolumeId), E("instanceId", instance), E("device", volume.Device), E("status", "attached"),
                E("attachTime", WireFormat.Iso(volume.CreateTime)), E("deleteOnTermination", "true")]]
            : []),
        E("volumeType", "gp3"),
        E("iops", 3000),
        E("throughput", 125),
        E("encrypted", WireFormat.Bool(volume.Encrypted)),
        E("multiAttachEnabled", "false"),
    ];

    public static IEnumerable<object?> Version(LaunchTemplateVersionInfo version) =>
    [
        E("launchTemplateId", version.LaunchTemplateId),
        E("launchTemplateName", version.LaunchTemplateName),
        E("versionNumber", version.VersionNumber),
        version.VersionDescription is { } description ? E("versionDescription", description) : null,
        E("createTime", WireFormat.Iso(version.CreateTime)),
        E("createdBy", $"arn:aws:iam::{AccountId}:root"),
        E("defaultVersion", WireFormat.Bool(version.DefaultVersion)),
        E("launchTemplateData", E("imageId", version.ImageId), E("instanceType", version.InstanceType)),
    ];

    public static XElement Item(IEnumerable<object?> members) => E("item", [.. members]);
}
