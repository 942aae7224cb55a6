using WindowsNodeOperator.Sandbox.Cloud.Engine;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Cloud.Ec2;

/// <summary>The simulated EC2 API: images, launch templates and their versions, instances.</summary>
public sealed class SimulatedEc2
{
    private readonly CloudCore _core;

    internal SimulatedEc2(CloudCore core) => _core = core;

    private CloudState State => _core.State;

    /// <summary>Simulation control: registers an AMI (created now unless a date is given); <c>platform</c> is <c>windows</c> or null.</summary>
    public Ec2Image AddImage(string name, string? platform, DateTimeOffset? creationDate = null, string? imageId = null) => _core.Control(now =>
    {
        var image = new Ec2Image(imageId ?? State.Ids.ImageId(), name, creationDate ?? now, platform);
        State.Images.Add(image.ImageId, new ImageRecord(image));
        return image;
    });

    /// <summary>Simulation control: instances of a bad image never register as nodes.</summary>
    public void MarkImageBad(string imageId, bool bad = true) => _core.Control(_ => Image(imageId).Bad = bad);

    /// <summary>The images this account can see (not those made private since): all, or by id, an id it cannot see failing the call.</summary>
    public IReadOnlyList<Ec2Image> DescribeImages(IReadOnlyList<string>? imageIds = null) => _core.Api("ec2:DescribeImages", _ =>
        (IReadOnlyList<Ec2Image>)(imageIds is null
            ? [.. State.Images.Values.Where(i => !i.Withdrawn).Select(i => i.Image)]
            : [.. imageIds.Select(id => Visible(id).Image)]));

    /// <summary>
    /// Simulation control: the AMI's owner makes it private, as EKS does with its Windows AMIs some months after release. The
    /// account no longer sees it (DescribeImages by id answers <c>InvalidAMIID.NotFound</c>, a filter leaves it out) and every
    /// launch from it fails; running instances are not touched.
    /// </summary>
    public void WithdrawImage(string imageId) => _core.Control(_ => Image(imageId).Withdrawn = true);

    /// <summary>Simulation control: deprecates an AMI (and makes it private, as AWS does with old EKS-optimized Windows AMIs).</summary>
    public void DeprecateImage(string imageId, DateTimeOffset deprecationTime, bool makePrivate = false) => _core.Control(_ =>
    {
        var record = Image(imageId);
        State.Images[imageId] = new ImageRecord(record.Image with { DeprecationTime = deprecationTime, Public = !makePrivate && record.Image.Public }) { Bad = record.Bad, Withdrawn = record.Withdrawn };
    });

    /// <summary>Simulation control: adds a security group.</summary>
    public void AddSecurityGroup(Ec2SecurityGroup group) => _core.Control(_ => State.SecurityGroups[group.GroupId] = group);

    /// <summary>Security groups by id (every id must exist), or all of them.</summary>
    public IReadOnlyList<Ec2SecurityGroup> DescribeSecurityGroups(IReadOnlyList<string>? groupIds = null) => _core.Api("ec2:DescribeSecurityGroups", _ =>
        (IReadOnlyList<Ec2SecurityGroup>)(groupIds is null
            ? [.. State.SecurityGroups.Values]
            : [.. groupIds.Select(id => State.SecurityGroups.TryGetValue(id, out var group)
                ? group
                : throw new SimulatedAwsException("InvalidGroup.NotFound", 400, $"The security group '{id}' does not exist"))]));

    /// <summary>The root volumes of instances not yet terminated, by id (every id must exist) or all of them.</summary>
    public IReadOnlyList<Ec2Volume> DescribeVolumes(IReadOnlyList<string>? volumeIds = null) => _core.Api("ec2:DescribeVolumes", _ =>
    {
        var volumes = State.Instances.Values.Where(i => i.State != Ec2InstanceState.Terminated).Select(i => i.RootVolume())
            .ToDictionary(v => v.VolumeId, StringComparer.Ordinal);
        return (IReadOnlyList<Ec2Volume>)(volumeIds is null
            ? [.. volumes.Values]
            : [.. volumeIds.Select(id => volumes.TryGetValue(id, out var volume)
                ? volume
                : throw new SimulatedAwsException("InvalidVolume.NotFound", 400, $"The volume '{id}' does not exist."))]);
    });

    public LaunchTemplateInfo CreateLaunchTemplate(string name, string imageId, string instanceType) => _core.Api("ec2:CreateLaunchTemplate", now =>
    {
        if (State.Templates.Values.Any(t => t.Name == name))
        {
            throw new SimulatedAwsException("InvalidLaunchTemplateName.AlreadyExistsException", 400, $"Launch template name already in use: {name}.");
        }

        var template = new LaunchTemplateRecord(State.Ids.LaunchTemplateId(), name, now);
        template.Add(imageId, instanceType, now, null);
        State.Templates.Add(template.Id, template);
        return template.ToInfo();
    });

    /// <summary>
    /// A new version copied from <paramref name="sourceVersion"/> with only the image changed. A repeated
    /// <paramref name="clientToken"/> returns the version it created the first time, as EC2 does.
    /// </summary>
    public LaunchTemplateVersionInfo CreateLaunchTemplateVersion(
        LaunchTemplateSpecification template, string sourceVersion, string imageId, string? description = null, string? clientToken = null) =>
        _core.Api("ec2:CreateLaunchTemplateVersion", now =>
        {
            ArgumentNullException.ThrowIfNull(template);
            var record = State.FindTemplate(template.LaunchTemplateId, template.LaunchTemplateName);
            if (clientToken is not null && record.Tokens.TryGetValue(clientToken, out var earlier))
            {
                var existing = record.Get(earlier.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return existing.ImageId == imageId && existing.VersionDescription == description
                    ? existing
                    : throw new SimulatedAwsException("IdempotentParameterMismatch", 400, $"The client token {clientToken} was already used with different parameters.");
            }

            var source = record.Get(sourceVersion);
            var created = record.Add(imageId, source.InstanceType, now, description);
            if (clientToken is not null)
            {
                record.Tokens[clientToken] = created.VersionNumber;
            }

            return record.Get(created.VersionNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

    public LaunchTemplateInfo ModifyLaunchTemplate(LaunchTemplateSpecification template, int defaultVersion) => _core.Api("ec2:ModifyLaunchTemplate", _ =>
    {
        ArgumentNullException.ThrowIfNull(template);
        var record = State.FindTemplate(template.LaunchTemplateId, template.LaunchTemplateName);
        record.DefaultVersion = record.Get(defaultVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)).VersionNumber;
        return record.ToInfo();
    });

    public IReadOnlyList<LaunchTemplateInfo> DescribeLaunchTemplates() =>
        _core.Api("ec2:DescribeLaunchTemplates", _ => (IReadOnlyList<LaunchTemplateInfo>)[.. State.Templates.Values.Select(t => t.ToInfo())]);

    /// <summary>Versions by number, <c>$Latest</c> or <c>$Default</c>; every version when none is given.</summary>
    public IReadOnlyList<LaunchTemplateVersionInfo> DescribeLaunchTemplateVersions(LaunchTemplateSpecification template, params IReadOnlyList<string> versions) =>
        _core.Api("ec2:DescribeLaunchTemplateVersions", _ =>
        {
            ArgumentNullException.ThrowIfNull(template);
            var record = State.FindTemplate(template.LaunchTemplateId, template.LaunchTemplateName);
            var wanted = versions.Count > 0 ? versions : [.. record.Versions.Select(v => v.VersionNumber.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            return (IReadOnlyList<LaunchTemplateVersionInfo>)[.. wanted.Select(record.Get)];
        });

    /// <summary>Instances by id (every id must exist), or all of them, terminated ones included.</summary>
    public IReadOnlyList<Ec2Instance> DescribeInstances(IReadOnlyList<string>? instanceIds = null) => _core.Api("ec2:DescribeInstances", _ =>
        (IReadOnlyList<Ec2Instance>)(instanceIds is null
            ? [.. State.Instances.Values.Select(i => i.ToEc2())]
            : [.. instanceIds.Select(id => Instance(id).ToEc2())]));

    /// <summary>Stops running instances; their primary ENI stays attached.</summary>
    public void StopInstances(params IReadOnlyList<string> instanceIds) => _core.Api("ec2:StopInstances", now =>
    {
        foreach (var instance in instanceIds.Select(Instance).Where(i => i.State is Ec2InstanceState.Running or Ec2InstanceState.Pending))
        {
            instance.State = Ec2InstanceState.Stopping;
            State.Record(now, instance.Id, "stopping");
            State.Agenda.Schedule(now + State.Options.InstanceShutdownTime, t =>
            {
                if (instance.State == Ec2InstanceState.Stopping)
                {
                    instance.State = Ec2InstanceState.Stopped;
                    State.Record(t, instance.Id, "stopped");
                }
            });
        }
    });

    /// <summary>Starts stopped instances: a new LaunchTime, the same ENI attach time.</summary>
    public void StartInstances(params IReadOnlyList<string> instanceIds) => _core.Api("ec2:StartInstances", now =>
    {
        foreach (var instance in instanceIds.Select(Instance))
        {
            if (instance.State != Ec2InstanceState.Stopped)
            {
                throw new SimulatedAwsException("IncorrectInstanceState", 400, $"The instance '{instance.Id}' is not in a state from which it can be started.");
            }

            instance.State = Ec2InstanceState.Pending;
            instance.LaunchTime = now;
            State.Record(now, instance.Id, "pending (started)");
            State.Agenda.Schedule(now + State.Options.InstanceStartTime, t => _core.Lifecycle.OnRunning(instance, t));
        }
    });

    private ImageRecord Image(string id) =>
        State.Images.TryGetValue(id, out var image)
            ? image
            : throw new SimulatedAwsException("InvalidAMIID.NotFound", 400, $"The image id '[{id}]' does not exist");

    private ImageRecord Visible(string id) =>
        Image(id) is { Withdrawn: false } image
            ? image
            : throw new SimulatedAwsException("InvalidAMIID.NotFound", 400, $"The image id '[{id}]' does not exist");

    private InstanceRecord Instance(string id) =>
        State.Instances.TryGetValue(id, out var instance)
            ? instance
            : throw new SimulatedAwsException("InvalidInstanceID.NotFound", 400, $"The instance ID '{id}' does not exist");
}
