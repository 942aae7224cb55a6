using System.Globalization;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

internal sealed class LaunchTemplateRecord(string id, string name, DateTimeOffset createTime)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public DateTimeOffset CreateTime { get; } = createTime;

    public int DefaultVersion { get; set; } = 1;

    public List<LaunchTemplateVersionInfo> Versions { get; } = [];

    /// <summary>The version each CreateLaunchTemplateVersion client token created.</summary>
    public Dictionary<string, int> Tokens { get; } = new(StringComparer.Ordinal);

    public int LatestVersion => Versions.Count;

    public LaunchTemplateVersionInfo Add(string imageId, string instanceType, DateTimeOffset at, string? description)
    {
        var version = new LaunchTemplateVersionInfo(Id, Name, Versions.Count + 1, imageId, instanceType, false, at, description);
        Versions.Add(version);
        return version;
    }

    public LaunchTemplateVersionInfo Get(string version)
    {
        var number = version switch
        {
            LaunchTemplateSpecification.Latest => LatestVersion,
            LaunchTemplateSpecification.Default => DefaultVersion,
            _ when int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => throw new SimulatedAwsException("InvalidLaunchTemplateId.VersionNotFound", 400, $"Could not find launch template version {version} for {Id}."),
        };
        if (number < 1 || number > Versions.Count)
        {
            throw new SimulatedAwsException("InvalidLaunchTemplateId.VersionNotFound", 400, $"Could not find launch template version {version} for {Id}.");
        }

        return Versions[number - 1] with { DefaultVersion = number == DefaultVersion };
    }

    public ResolvedTemplate Resolve(string version)
    {
        var v = Get(version);
        return new ResolvedTemplate(Id, Name, v.VersionNumber, v.ImageId, v.InstanceType);
    }

    public LaunchTemplateInfo ToInfo() => new(Id, Name, DefaultVersion, LatestVersion, CreateTime);
}
