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
        E("rootDeviceName", instance.Platform is null ? "/dev/xvda" : "/dev/sda1"),
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
        E("imageState", "available"),
        E("imageOwnerId", AccountId),
        E("creationDate", WireFormat.Iso(image.CreationDate)),
        E("isPublic", "true"),
        E("architecture", "x86_64"),
        E("imageType", "machine"),
        image.Platform is { } platform ? E("platform", platform) : null,
        E("platformDetails", image.Platform is null ? "Linux/UNIX" : "Windows"),
        E("imageOwnerAlias", "amazon"),
        E("name", image.Name),
        E("rootDeviceType", "ebs"),
        E("virtualizationType", "hvm"),
        E("hypervisor", "xen"),
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
