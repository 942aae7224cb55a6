namespace WindowsNodeOperator.Sandbox.Cloud.Ec2;

/// <summary>One numbered version of a launch template and the launch data the simulation uses from it.</summary>
public sealed record LaunchTemplateVersionInfo(
    string LaunchTemplateId,
    string LaunchTemplateName,
    int VersionNumber,
    string ImageId,
    string InstanceType,
    bool DefaultVersion,
    DateTimeOffset CreateTime,
    string? VersionDescription);
