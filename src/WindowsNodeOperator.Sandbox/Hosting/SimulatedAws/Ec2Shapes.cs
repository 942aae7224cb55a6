using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Hosting.SimulatedAws;

/// <summary>The simulated account's EC2 records in the SDK's response shapes.</summary>
internal static class Ec2Shapes
{
    // The EC2 state codes: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceState.html
    private static readonly Dictionary<Ec2InstanceState, int> StateCodes = new()
    {
        [Ec2InstanceState.Pending] = 0,
        [Ec2InstanceState.Running] = 16,
        [Ec2InstanceState.ShuttingDown] = 32,
        [Ec2InstanceState.Terminated] = 48,
        [Ec2InstanceState.Stopping] = 64,
        [Ec2InstanceState.Stopped] = 80,
    };

    public static Reservation Reservation(Ec2Instance instance) => new()
    {
        ReservationId = "r-" + instance.InstanceId[2..],
        Instances = [Instance(instance)],
    };

    public static Instance Instance(Ec2Instance instance) => new()
    {
        InstanceId = instance.InstanceId,
        ImageId = instance.ImageId,
        InstanceType = InstanceType.FindValue(instance.InstanceType),
        Placement = new Placement { AvailabilityZone = instance.AvailabilityZone },
        State = new InstanceState { Name = InstanceStateName.FindValue(instance.State.ToAwsName()), Code = StateCodes[instance.State] },
        LaunchTime = instance.LaunchTime.UtcDateTime,
        PrivateIpAddress = instance.PrivateIpAddress,
        PrivateDnsName = instance.PrivateDnsName,
        Platform = instance.Platform is null ? null : PlatformValues.FindValue(instance.Platform),
        // The primary interface stays attached from the first launch; LaunchTime moves on every start.
        NetworkInterfaces =
        [
            new InstanceNetworkInterface
            {
                PrivateIpAddress = instance.PrivateIpAddress,
                Attachment = new InstanceNetworkInterfaceAttachment
                {
                    DeviceIndex = 0,
                    AttachTime = instance.NetworkInterfaceAttachTime.UtcDateTime,
                    Status = AttachmentStatus.Attached,
                },
            },
        ],
        Tags = [.. instance.Tags.Select(t => new Tag(t.Key, t.Value))],
    };

    public static Image Image(Ec2Image image) => new()
    {
        ImageId = image.ImageId,
        Name = image.Name,
        CreationDate = image.CreationDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        Platform = image.Platform is null ? null : PlatformValues.FindValue(image.Platform),
        State = ImageState.Available,
    };

    public static LaunchTemplateVersion Version(LaunchTemplateVersionInfo version) => new()
    {
        LaunchTemplateId = version.LaunchTemplateId,
        LaunchTemplateName = version.LaunchTemplateName,
        VersionNumber = version.VersionNumber,
        VersionDescription = version.VersionDescription,
        DefaultVersion = version.DefaultVersion,
        CreateTime = version.CreateTime.UtcDateTime,
        LaunchTemplateData = new ResponseLaunchTemplateData
        {
            ImageId = version.ImageId,
            InstanceType = InstanceType.FindValue(version.InstanceType),
        },
    };
}
